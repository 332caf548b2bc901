package io.triadwatch.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.LoopbackReceiver;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class AlertmanagerPusherTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2023-07-27T00:00:00Z");

    /** The Alertmanager alerts in every POST so far, one list per request. */
    private static List<List<JsonNode>> posts(LoopbackReceiver receiver) {
        List<List<JsonNode>> posts = new ArrayList<>();
        for (LoopbackReceiver.Request request : receiver.requests()) {
            try {
                List<JsonNode> alerts = new ArrayList<>();
                Json.mapper().readTree(request.body()).forEach(alerts::add);
                posts.add(alerts);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return posts;
    }

    private static List<JsonNode> sent(LoopbackReceiver receiver, String fingerprint) {
        return posts(receiver).stream().flatMap(List::stream)
                .filter(a -> a.get("labels").get("fingerprint").asText().equals(fingerprint)).toList();
    }

    @Test
    void shouldResendWhileFiringAndStopOnceTheResolutionIsDelivered() throws Exception {
        // Given a pusher re-sending every 200 ms, and two firing alerts
        AlertTopic topic = new AlertTopic();
        Alert stays = TestAlerts.firing("dyad-shift", "PRK-RUS", T);
        Alert ends = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        topic.publish(stays, ends);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackReceiver alertmanager = new LoopbackReceiver();
             AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             AlertmanagerPusher pusher = new AlertmanagerPusher(alertmanager.uri("/"), feed,
                     PushSettings.defaults().withResendInterval(Duration.ofMillis(200)), registry)) {
            pusher.start();

            // Then both are sent again and again, with the same start
            await().atMost(PATIENCE).until(() -> sent(alertmanager, ends.fingerprint()).size() >= 2);
            assertThat(alertmanager.requests()).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/api/v2/alerts");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
            });
            assertThat(sent(alertmanager, ends.fingerprint())).allSatisfy(a -> {
                assertThat(Instant.parse(a.get("startsAt").asText())).isEqualTo(ends.emittedAt());
                assertThat(a.has("endsAt")).isFalse();
                assertThat(a.get("labels").get("alertname").asText()).isEqualTo("RANK_DROP");
            });

            // When one resolves
            Alert resolved = TestAlerts.resolved(ends, T.plusSeconds(86_400));
            topic.publish(resolved);

            // Then its resolution goes out with endsAt = the RESOLVED record's emission
            await().atMost(PATIENCE).until(() -> sent(alertmanager, ends.fingerprint()).stream().anyMatch(a -> a.has("endsAt")));
            JsonNode resolution = sent(alertmanager, ends.fingerprint()).stream().filter(a -> a.has("endsAt")).findFirst().orElseThrow();
            assertThat(Instant.parse(resolution.get("endsAt").asText())).isEqualTo(resolved.emittedAt());
            assertThat(Instant.parse(resolution.get("startsAt").asText())).isEqualTo(ends.emittedAt());

            // And later re-sends carry only the alert still firing
            int postsSoFar = alertmanager.requests().size();
            await().atMost(PATIENCE).until(() -> alertmanager.requests().size() >= postsSoFar + 2);
            List<List<JsonNode>> later = posts(alertmanager).subList(postsSoFar, postsSoFar + 2);
            assertThat(later).allSatisfy(post -> assertThat(post)
                    .extracting(a -> a.get("labels").get("fingerprint").asText()).containsExactly(stays.fingerprint()));
            assertThat(registry.get("triadwatch.push.success").tag("target", "alertmanager").counter().count()).isGreaterThanOrEqualTo(4.0);
        }
    }

    @Test
    void shouldRetryAfterAServerErrorWithBackoff() throws Exception {
        // Given an Alertmanager that fails twice, and no periodic re-send in sight
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoopbackReceiver alertmanager = new LoopbackReceiver();
             AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             AlertmanagerPusher pusher = new AlertmanagerPusher(alertmanager.uri(""), feed,
                     PushSettings.defaults().withResendInterval(Duration.ofHours(1)).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                     registry)) {
            alertmanager.answerNext(500, 503);
            pusher.start();

            // When an alert fires
            Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", T);
            topic.publish(firing);

            // Then it is retried until delivered
            await().atMost(PATIENCE).until(() -> registry.get("triadwatch.push.success").tag("target", "alertmanager").counter().count() >= 1);
            assertThat(alertmanager.requests()).extracting(LoopbackReceiver.Request::answered).containsExactly(500, 503, 200);
            assertThat(sent(alertmanager, firing.fingerprint())).hasSize(3);
            assertThat(registry.get("triadwatch.push.failure").tag("target", "alertmanager").counter().count()).isEqualTo(2.0);
            assertThat(registry.get("triadwatch.push.success").tag("target", "alertmanager").counter().count()).isEqualTo(1.0);
        }
    }
}
