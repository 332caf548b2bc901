package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian package {@code prometheus}) scrapes the
 * running demo and evaluates deploy/prometheus/triadwatch-rules.yml: the target is up, every rule
 * evaluates without error, the Streams instances report RUNNING through Prometheus, and none of the
 * availability alerts is pending or firing on a healthy demo. Skipped when Prometheus is not installed.
 */
@Tag("integration")
@ExtendWith(RunningDemo.Extension.class)
class PrometheusIntegrationTest {
    private static final Set<String> HEALTHY_DEMO_QUIET = Set.of("TriadwatchTargetDown", "TriadwatchStreamsNotRunning",
            "TriadwatchStreamsNoLiveThread", "TriadwatchSseClientsNearCap", "TriadwatchSseClientsAtCap");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldScrapeTheDemoAndEvaluateEveryRuleWithoutError(RunningDemo demo, @TempDir Path dir) throws IOException, InterruptedException {
        // Given Prometheus scraping the ready demo every second, with the deploy rules
        Path prometheus = ExternalTools.require("prometheus", "prometheus");
        demo.awaitReady();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: triadwatch-demo
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(DeployFiles.file("prometheus/triadwatch-rules.yml"), demo.httpPort()));
        int port = FreePorts.loopback();
        URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        Process server = ExternalTools.start(dir.resolve("prometheus.log"), List.of(prometheus.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        try {
            // When the target has been scraped and every rule group evaluated after that scrape
            Instant scraped = await("Prometheus to scrape the demo (log: " + dir.resolve("prometheus.log") + ")")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> lastScrapeOfHealthyTarget(get(api, "targets")), t -> t != null);
            JsonNode groups = await("every rule group evaluated after " + scraped).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> get(api, "rules").path("data").path("groups"), g -> g.size() > 0 && allEvaluatedAfter(g, scraped));

            // Then every rule is healthy
            List<String> problems = new ArrayList<>();
            groups.forEach(group -> group.path("rules").forEach(rule -> {
                if (!"ok".equals(rule.path("health").asText()) || !rule.path("lastError").asText("").isEmpty()) {
                    problems.add(group.path("name").asText() + "/" + rule.path("name").asText() + ": health "
                            + rule.path("health").asText() + " " + rule.path("lastError").asText(""));
                }
            }));
            assertThat(problems).as("rules that did not evaluate cleanly").isEmpty();
            assertThat(groups.findValuesAsText("name")).contains("TriadwatchStreamsNotRunning", "TriadwatchConsumerLag");

            // And Prometheus sees the Streams instances RUNNING (client state 2)
            JsonNode states = get(api, "query?query=" + URLEncoder.encode("kafka_stream_client_state", StandardCharsets.UTF_8))
                    .path("data").path("result");
            assertThat(states).as("kafka_stream_client_state series: the analyzer and the alerter").hasSizeGreaterThanOrEqualTo(2);
            states.forEach(s -> assertThat(s.path("value").get(1).asText()).as("state of %s", s.path("metric")).isEqualTo("2"));

            // And no availability alert is pending or firing on the healthy demo
            List<String> alerts = get(api, "alerts").path("data").path("alerts").findValuesAsText("alertname");
            assertThat(alerts).as("alerts pending or firing").doesNotContainAnyElementsOf(HEALTHY_DEMO_QUIET);
        } finally {
            ExternalTools.stop(server);
        }
    }

    private static Instant lastScrapeOfHealthyTarget(JsonNode targets) {
        JsonNode active = targets.path("data").path("activeTargets");
        if (active.size() != 1 || !"up".equals(active.get(0).path("health").asText())) {
            return null;
        }
        return Instant.parse(active.get(0).path("lastScrape").asText());
    }

    private static boolean allEvaluatedAfter(JsonNode groups, Instant scraped) {
        for (JsonNode group : groups) {
            String last = group.path("lastEvaluation").asText("");
            if (last.isEmpty() || !Instant.parse(last).isAfter(scraped)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode get(URI api, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return RunningDemo.json(response.body());
    }
}
