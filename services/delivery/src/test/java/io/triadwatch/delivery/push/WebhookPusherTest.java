package io.triadwatch.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.LoopbackReceiver;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class WebhookPusherTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2023-07-27T00:00:00Z");

    @Test
    void shouldPostEachAlertRecordInOrderRetryingAfterAServerError() throws Exception {
        // Given a webhook that fails once
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackReceiver webhook = new LoopbackReceiver();
             AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             WebhookPusher pusher = new WebhookPusher(webhook.uri("/hooks/triadwatch"), feed,
                     PushSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                             .withHeaders(Map.of("Authorization", "Bearer test-token")), registry)) {
            webhook.answerNext(500);
            pusher.start();

            // When an alert fires and resolves
            Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", T);
            Alert resolved = TestAlerts.resolved(firing, T.plusSeconds(86_400));
            topic.publish(firing, resolved);

            // Then the FIRING record is retried, then both arrive, in order, as the alert JSON
            await().atMost(PATIENCE).until(() -> registry.get("triadwatch.push.success").tag("target", "webhook").counter().count() >= 2);
            assertThat(webhook.requests()).extracting(LoopbackReceiver.Request::answered).containsExactly(500, 200, 200);
            assertThat(webhook.requests()).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/hooks/triadwatch");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(r.header("Authorization")).isEqualTo("Bearer test-token");
            });
            assertThat(Json.mapper().readValue(webhook.requests().get(0).body(), Alert.class)).isEqualTo(firing);
            assertThat(Json.mapper().readValue(webhook.requests().get(1).body(), Alert.class)).isEqualTo(firing);
            assertThat(Json.mapper().readValue(webhook.requests().get(2).body(), Alert.class)).isEqualTo(resolved);
            assertThat(webhook.requests().get(1).header("Idempotency-Key")).isEqualTo("rank-drop:CHN-PRK/1/FIRING");
            assertThat(webhook.requests().get(2).header("Idempotency-Key")).isEqualTo("rank-drop:CHN-PRK/1/RESOLVED");
            assertThat(registry.get("triadwatch.push.failure").tag("target", "webhook").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("triadwatch.push.success").tag("target", "webhook").counter().count()).isEqualTo(2.0);
            assertThat(pusher.queued()).isZero();
        }
    }

    @Test
    void shouldDropARecordTheWebhookRejectsAndGoOn() throws Exception {
        // Given a webhook that rejects the first record
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackReceiver webhook = new LoopbackReceiver();
             AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             WebhookPusher pusher = new WebhookPusher(webhook.uri("/"), feed, PushSettings.defaults(), registry)) {
            webhook.answerNext(400);
            pusher.start();

            // When two alerts fire
            topic.publish(TestAlerts.firing("rank-drop", "CHN-PRK", T));
            topic.publish(TestAlerts.firing("rank-drop", "PRK-RUS", T));

            // Then the first is dropped (not retried), the second delivered
            await().atMost(PATIENCE).until(() -> registry.get("triadwatch.push.success").tag("target", "webhook").counter().count() >= 1);
            assertThat(webhook.requests()).extracting(LoopbackReceiver.Request::answered).containsExactly(400, 200);
            assertThat(registry.get("triadwatch.push.dropped").tag("target", "webhook").counter().count()).isEqualTo(1.0);
        }
    }
}
