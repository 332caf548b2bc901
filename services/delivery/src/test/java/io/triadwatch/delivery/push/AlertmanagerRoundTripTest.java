package io.triadwatch.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.AlertmanagerProcess;
import io.triadwatch.delivery.LoopbackReceiver;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pushes to a real Prometheus Alertmanager and reads the alerts back. Alertmanager's
 * {@code GET /api/v2/alerts} lists active alerts only: once an alert's {@code endsAt} has passed it
 * is gone from there, so the resolution (with {@code endsAt}) is read from the notification
 * Alertmanager sends to its webhook receiver (a loopback server here, {@code send_resolved: true}).
 */
@Tag("integration")
class AlertmanagerRoundTripTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant JULY = Instant.parse("2023-07-27T00:00:00Z");

    private static Optional<JsonNode> active(AlertmanagerProcess alertmanager, String fingerprint) throws IOException, InterruptedException {
        for (JsonNode alert : Json.mapper().readTree(alertmanager.alerts())) {
            if (alert.get("labels").path("fingerprint").asText().equals(fingerprint)) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> notified(LoopbackReceiver receiver, String status) {
        List<JsonNode> alerts = new ArrayList<>();
        for (LoopbackReceiver.Request request : receiver.requests()) {
            try {
                for (JsonNode alert : Json.mapper().readTree(request.body()).get("alerts")) {
                    if (alert.get("status").asText().equals(status)) {
                        alerts.add(alert);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return alerts;
    }

    @Test
    void shouldShowTheFiringAlertInAlertmanagerAndResolveItWithEndsAt() throws Exception {
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackReceiver notifications = new LoopbackReceiver();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(notifications.uri("/notify"));
             AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             AlertmanagerPusher pusher = new AlertmanagerPusher(alertmanager.url(), feed, PushSettings.defaults(), registry)) {
            pusher.start();

            // When a rank drop fires
            Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", JULY);
            topic.publish(firing);

            // Then Alertmanager lists it, active, with our labels, evidence and wall-clock start
            await().atMost(PATIENCE).until(() -> active(alertmanager, firing.fingerprint()).isPresent());
            JsonNode shown = active(alertmanager, firing.fingerprint()).orElseThrow();
            assertThat(shown.get("status").get("state").asText()).isEqualTo("active");
            JsonNode labels = shown.get("labels");
            assertThat(labels.get("alertname").asText()).isEqualTo("RANK_DROP");
            assertThat(labels.get("rule").asText()).isEqualTo("rank-drop");
            assertThat(labels.get("subject").asText()).isEqualTo("CHN-PRK");
            assertThat(labels.get("subject_kind").asText()).isEqualTo("dyad");
            assertThat(labels.get("severity").asText()).isEqualTo("warning");
            assertThat(labels.get("fingerprint").asText()).isEqualTo("rank-drop:CHN-PRK");
            JsonNode annotations = shown.get("annotations");
            assertThat(annotations.get("summary").asText()).isEqualTo(firing.summary());
            assertThat(annotations.get("severityReason").asText()).isEqualTo(firing.severityReason());
            assertThat(annotations.get("triggeringEvents").asText()).contains(firing.triggeringEvents().get(0).eventId());
            assertThat(annotations.get("baselineVisits").asText()).contains("visit-2018");
            assertThat(annotations.get("context").asText()).contains("CHN-RUS stayed positive");
            assertThat(annotations.get("occurredAt").asText()).isEqualTo("2023-07-27T00:00:00Z");
            assertThat(Instant.parse(shown.get("startsAt").asText())).isEqualTo(firing.emittedAt());
            assertThat(shown.get("generatorURL").asText()).isEqualTo(firing.generatorURL());

            // When it resolves
            Alert resolved = TestAlerts.resolved(firing, JULY.plusSeconds(86_400));
            topic.publish(resolved);

            // Then Alertmanager no longer lists it as active, and notifies its resolution with endsAt set
            await().atMost(PATIENCE).until(() -> active(alertmanager, firing.fingerprint()).isEmpty());
            await().atMost(PATIENCE).until(() -> !notified(notifications, "resolved").isEmpty());
            JsonNode resolution = notified(notifications, "resolved").get(0);
            assertThat(resolution.get("labels").get("fingerprint").asText()).isEqualTo(firing.fingerprint());
            assertThat(Instant.parse(resolution.get("endsAt").asText())).isEqualTo(resolved.emittedAt());
            assertThat(Instant.parse(resolution.get("startsAt").asText())).isEqualTo(firing.emittedAt());
            await().atMost(PATIENCE).until(() -> registry.get("triadwatch.push.success").tag("target", "alertmanager").counter().count() >= 2);
            assertThat(registry.get("triadwatch.push.failure").tag("target", "alertmanager").counter().count()).isZero();
        }
    }
}
