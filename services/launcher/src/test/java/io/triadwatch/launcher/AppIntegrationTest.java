package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class AppIntegrationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldServeAlertsPublishedToKafkaThroughTheApiRole(@TempDir Path dir) throws Exception {
        // Given the topics and an app running the ingest and API roles
        String servers = KafkaTestBroker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
        }
        Map<String, Object> kafka = Map.of("bootstrap.servers", servers);
        try (TriadwatchApp app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.INGEST, Role.API), kafka, "127.0.0.1", 0, "tok",
                dir, "http://localhost", null, null))) {
            int port = app.httpPort();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/ready") == 200);

            // When an alert is published to the alerts topic
            String subject = "CHN-PRK";
            String rule = "rank-drop-" + UUID.randomUUID().toString().substring(0, 8);
            Alert alert = new Alert(Alert.fingerprint(rule, subject), rule, AlertRule.Type.RANK_DROP, subject, Alert.Status.FIRING,
                    Severity.WARNING, "test", 0.5, 0.3, null, Instant.parse("2023-07-27T00:00:00Z"), Instant.parse("2023-07-27T00:00:00Z"),
                    null, 1, List.of(), List.of(), List.of(), "rank drop", "http://localhost/#/dyad/CHN-PRK", Instant.now(), null);
            TestProducers.send(servers, Topics.ALERTS.name(), Map.entry(alert.fingerprint(), Json.string(alert)));

            // Then the API lists it, and health names every component
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/api/alerts?limit=500").contains(alert.fingerprint()));
            assertThat(get(port, "/health")).contains("\"alert-feed\"").contains("\"kafka\"").contains("\"http\"");
        }
    }
}
