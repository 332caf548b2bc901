package io.triadwatch.launcher.e2e;

import static io.triadwatch.launcher.e2e.DashboardPage.SOON;
import static io.triadwatch.launcher.e2e.DashboardPage.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.launcher.demo.Demo;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real headless Chromium against the running demo (every role, the seed
 * timeline, the default rules) on the test broker: what an operations centre sees.
 */
@Tag("integration")
class DashboardBrowserTest {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final String TRIAD = "CHN-PRK-RUS";

    @TempDir
    static Path dir;

    private static Demo demo;
    private static HeadlessChromium chromium;
    private static String baseUrl;

    @BeforeAll
    static void startDemoAndBrowser() throws Exception {
        HeadlessChromium.missing().ifPresent(reason -> Assumptions.assumeTrue(false, reason));
        demo = Demo.start(new Demo.Options(KafkaTestBroker.bootstrapServers(), Map.of(), 0, dir.resolve("demo"), "127.0.0.1", 0, "token",
                List.copyOf(DefaultRules.json().values())), line -> { });
        baseUrl = "http://127.0.0.1:" + demo.httpPort();
        HttpClient http = HttpClient.newHttpClient();
        await(STARTUP).until(() -> http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).as("GET / on the demo: the API role must serve the dashboard (DashboardRoutes)").isEqualTo(200);
        assertThat(root.body()).contains("<title>Triadwatch</title>");
        chromium = HeadlessChromium.start(dir.resolve("chromium"), 1600, 1000);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (demo != null) {
            // The app ends open alert streams before its HTTP server stops, so this returns promptly
            // even when a stream is still registered.
            demo.close();
        }
    }

    private static DashboardPage page() {
        return new DashboardPage(chromium.driver(), baseUrl);
    }

    /** A test alert on {@code subject}, occurring now (so it is the newest in the feed). */
    private static Alert alert(String rule, String subject, Alert.Status status, Severity severity, String summary) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Alert(Alert.fingerprint(rule, subject), rule, AlertRule.Type.DYAD_SHIFT, subject, status, severity,
                "set by the browser test", 0.31, 0.2, "P30D", now, now, status == Alert.Status.RESOLVED ? now : null, 1,
                List.of(new Alert.TriggeringEvent("browser-test-event", EventKind.DELEGATION_VISIT, now, -2.5, "a test visit")),
                List.of(), List.of(), summary, baseUrl + "/#/dyad/" + subject, Instant.now(), null);
    }

    private static void publish(Alert alert) {
        TestProducers.send(KafkaTestBroker.bootstrapServers(), Topics.ALERTS.name(), Map.entry(alert.fingerprint(), Json.string(alert)));
    }

    private static String rule(String what) {
        return "browser-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldLoadWithoutConsoleErrorsAndDrawTheTriangleWithThreeScoredEdges() {
        // Given the demo has processed its timeline
        chromium.console();

        // When the dashboard is opened
        DashboardPage page = page().open();

        // Then the CHN-PRK-RUS triangle has its three dyads as edges, each labelled with a score and a trend
        await(Duration.ofMinutes(2)).untilAsserted(() -> {
            List<WebElement> edges = page.edges(TRIAD);
            assertThat(edges).extracting(e -> e.getAttribute("data-dyad")).containsExactlyInAnyOrder("CHN-PRK", "CHN-RUS", "PRK-RUS");
            assertThat(edges).extracting(e -> e.findElement(By.cssSelector("text.edge-label")).getText())
                    .allSatisfy(label -> assertThat(label).matches("[+\u2212]?\\d\\.\\d\\d [\u25B2\u25BC\u25AC]"));
        });
        WebElement card = page.one(DashboardPage.triad(TRIAD));
        assertThat(card.findElements(By.cssSelector(".edge-line"))).hasSize(3)
                .allSatisfy(line -> assertThat(line.getAttribute("stroke")).startsWith("rgb("));
        assertThat(card.findElement(By.cssSelector("g.node.pivot")).getAttribute("data-actor")).isEqualTo("CHN");
        assertThat(card.findElement(By.cssSelector(".badge.balanced, .badge.unbalanced")).getText()).containsPattern("balanced");
        assertThat(card.findElement(By.cssSelector(".badge.verdict")).getText()).isNotBlank();
        page.awaitLive();
        chromium.screenshot("dashboard-overview");
        assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void shouldShowAnAlertPublishedToKafkaWithinSecondsAndUpdateItInPlace() {
        // Given the dashboard, connected to the alert stream
        chromium.console();
        DashboardPage page = page().open();
        page.awaitLive();

        // When a FIRING alert is published to the alerts topic
        String rule = rule("feed");
        Alert firing = alert(rule, "CHN-PRK", Alert.Status.FIRING, Severity.CRITICAL, "Browser test: " + rule + " is firing.");
        long sent = System.nanoTime();
        publish(firing);

        // Then it appears at the top of the feed, with its severity, and links to its dyad
        await(SOON).until(() -> !page.all(DashboardPage.alert(firing.fingerprint())).isEmpty());
        System.out.printf("alert shown %d ms after it was published%n", (System.nanoTime() - sent) / 1_000_000);
        WebElement item = page.one(DashboardPage.alert(firing.fingerprint()));
        assertThat(item.getAttribute("data-status")).isEqualTo("FIRING");
        assertThat(item.getAttribute("class")).contains("sev-critical");
        assertThat(item.getText()).contains(firing.summary());
        assertThat(page.feed().get(0).getAttribute("data-fingerprint")).isEqualTo(firing.fingerprint());
        assertThat(item.findElement(By.cssSelector("a.subject")).getAttribute("href")).endsWith("#/dyad/CHN-PRK");

        // When the episode resolves
        publish(alert(rule, "CHN-PRK", Alert.Status.RESOLVED, Severity.CRITICAL, "Browser test: " + rule + " resolved."));

        // Then the same item shows RESOLVED: updated in place, not added
        await(SOON).until(() -> "RESOLVED".equals(DashboardPage.fresh(() ->
                page.one(DashboardPage.alert(firing.fingerprint())).getAttribute("data-status"))));
        assertThat(page.all(DashboardPage.alert(firing.fingerprint()))).hasSize(1);
        chromium.screenshot("dashboard-alert-resolved");

        // And its link opens the dyad view
        page.one(DashboardPage.alert(firing.fingerprint())).findElement(By.cssSelector("a.subject")).click();
        await(SOON).until(() -> !page.all(By.cssSelector(".dyad-view[data-dyad='CHN-PRK']")).isEmpty());
        assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void shouldOpenTheDyadHistoryWithItsEventsWhenAnEdgeIsClicked() {
        // Given the overview with the CHN-PRK-RUS triangle
        chromium.console();
        DashboardPage page = page().open();
        await(Duration.ofMinutes(2)).until(() -> page.edges(TRIAD).size() == 3);

        // When its CHN-PRK edge is clicked
        page.one(DashboardPage.edge(TRIAD, "CHN-PRK")).click();

        // Then the CHN-PRK view shows the score history with a marker per event, and the contributions
        await(SOON).until(() -> page.all(By.cssSelector(".dyad-view[data-dyad='CHN-PRK'] svg.history-chart g.marker")).size() >= 2);
        assertThat(page.hash()).isEqualTo("#/dyad/CHN-PRK");
        assertThat(page.one(By.cssSelector("svg.history-chart path.score-line")).getAttribute("d")).startsWith("M");
        assertThat(page.all(By.cssSelector("table.contributions tbody tr"))).isNotEmpty();
        List<WebElement> markers = page.all(By.cssSelector("svg.history-chart g.marker"));
        assertThat(markers).allSatisfy(m -> assertThat(m.getAttribute("data-event-id")).isNotBlank());

        // And hovering a marker explains the event: kind, move and id
        WebElement last = markers.get(markers.size() - 1);
        new Actions(chromium.driver()).moveToElement(last).perform();
        await(SOON).until(() -> page.one(By.cssSelector(".chart .tip")).isDisplayed());
        assertThat(page.one(By.cssSelector(".chart .tip")).getText())
                .contains("moved the score").contains(last.getAttribute("data-event-id"));
        chromium.screenshot("dashboard-dyad-CHN-PRK");
        assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void shouldFilterTheFeedAndTheTrianglesBySeverityActorAndTriad() {
        // Given an info alert on CHN-RUS and a critical one on JPN-KOR
        chromium.console();
        Alert info = alert(rule("info"), "CHN-RUS", Alert.Status.FIRING, Severity.INFO, "Browser test: an info alert.");
        Alert critical = alert(rule("critical"), "JPN-KOR", Alert.Status.FIRING, Severity.CRITICAL, "Browser test: a critical alert.");
        publish(info);
        publish(critical);
        DashboardPage page = page().open();
        await(SOON).until(() -> !page.all(DashboardPage.alert(info.fingerprint())).isEmpty()
                && !page.all(DashboardPage.alert(critical.fingerprint())).isEmpty());
        await(Duration.ofMinutes(2)).until(() -> page.all(By.cssSelector("article.triad")).size() >= 2);

        // When only critical alerts are asked for
        page.select("filter-severity", "critical");

        // Then only critical alerts are listed
        await(SOON).until(() -> page.all(DashboardPage.alert(info.fingerprint())).isEmpty());
        assertThat(page.feed()).isNotEmpty().allSatisfy(a -> assertThat(a.getAttribute("data-severity")).isEqualTo("critical"));

        // When the actor USA is chosen, then only triads with USA are drawn
        page.select("filter-severity", "");
        page.select("filter-actor", "USA");
        await(SOON).until(() -> page.all(DashboardPage.triad(TRIAD)).isEmpty());
        assertThat(page.all(By.cssSelector("article.triad"))).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getAttribute("data-triad")).contains("USA"));
        assertThat(page.all(DashboardPage.alert(info.fingerprint()))).isEmpty();

        // When the triad JPN-KOR-USA is chosen, then it alone is drawn, with the alert on its JPN-KOR dyad
        page.select("filter-actor", "");
        page.select("filter-triad", "JPN-KOR-USA");
        await(SOON).until(() -> page.all(By.cssSelector("article.triad")).stream()
                .map(t -> t.getAttribute("data-triad")).collect(Collectors.toSet()).equals(Set.of("JPN-KOR-USA")));
        assertThat(page.all(DashboardPage.alert(critical.fingerprint()))).hasSize(1);
        assertThat(page.feed()).allSatisfy(a -> assertThat(a.getAttribute("data-subject")).isIn("JPN-KOR", "JPN-USA", "KOR-USA", "JPN-KOR-USA"));
        chromium.screenshot("dashboard-filtered");
        assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void shouldShowAnOutageAndResumeTheFeedWhenTheConnectionComesBack() {
        try (CuttableProxy proxy = new CuttableProxy(demo.httpPort())) {
            // Given the dashboard, reached through a connection the test can cut, live
            chromium.console();
            DashboardPage page = new DashboardPage(chromium.driver(), "http://127.0.0.1:" + proxy.port()).open();
            page.awaitLive();

            // When the connection is cut
            proxy.cut();

            // Then the page says it is disconnected and reconnecting
            await(SOON).until(() -> "down".equals(page.connectionState()));
            assertThat(page.connectionText()).contains("disconnected").contains("reconnecting");
            chromium.screenshot("dashboard-disconnected");

            // When an alert is published during the outage and the connection comes back
            String rule = rule("outage");
            Alert missed = alert(rule, "PRK-RUS", Alert.Status.FIRING, Severity.WARNING, "Browser test: published during an outage.");
            publish(missed);
            proxy.restore();

            // Then the page reconnects by itself and shows the alert it missed, once
            await(Duration.ofSeconds(60)).until(() -> "live".equals(page.connectionState()));
            await(SOON).until(() -> page.all(DashboardPage.alert(missed.fingerprint())).size() == 1);
            // The only console errors are the refused connections of the outage itself
            assertThat(chromium.consoleErrors()).allSatisfy(e -> assertThat(e).contains("net::ERR_"));
            // Leave the page before the proxy closes: its polls would otherwise be refused into the next test's console
            chromium.driver().get("about:blank");
        }
    }
}
