package io.triadwatch.delivery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.SseReader;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.TestServer;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class AlertStreamTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Instant T = Instant.parse("2023-07-27T00:00:00Z");

    private static Alert[] alerts(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> TestAlerts.firing("rule-" + i, i % 2 == 0 ? "CHN-PRK" : "PRK-RUS", T.plusSeconds(i)))
                .toArray(Alert[]::new);
    }

    private static List<String> fingerprints(List<SseReader.Event> events) throws Exception {
        List<String> fingerprints = new ArrayList<>();
        for (SseReader.Event event : events) {
            assertThat(event.event()).isEqualTo("alert");
            assertThat(event.id()).isNotBlank();
            fingerprints.add(Json.mapper().readValue(event.data(), Alert.class).fingerprint());
        }
        return fingerprints;
    }

    private static List<String> fingerprints(Alert... alerts) {
        return java.util.Arrays.stream(alerts).map(Alert::fingerprint).toList();
    }

    /** Waits for a heartbeat after the events taken so far: the server has nothing more to send. */
    private static void assertNothingMoreAfterAHeartbeat(SseReader reader) {
        int comments = reader.comments();
        await().atMost(PATIENCE).until(() -> reader.comments() > comments);
        assertThat(reader.pending()).isZero();
    }

    @Test
    void shouldResumeFromLastEventIdAndDeliverEveryAlertExactlyOnce() throws Exception {
        // Given six alerts on the topic before the server starts
        AlertTopic topic = new AlertTopic();
        topic.publish(alerts(0, 6));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             TestServer server = new TestServer(new AlertApi(feed, AlertApiSettings.defaults().withHeartbeat(HEARTBEAT), registry))) {
            List<String> received = new ArrayList<>();

            // When a client reads three, goes away, four more are written, and it comes back with Last-Event-ID
            String lastEventId;
            try (SseReader first = SseReader.open(server.uri("/api/alerts/stream"), null)) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.contentType()).startsWith("text/event-stream");
                List<SseReader.Event> events = first.take(3, PATIENCE);
                received.addAll(fingerprints(events));
                lastEventId = events.get(2).id();
            }
            topic.publish(alerts(6, 10));
            try (SseReader second = SseReader.open(server.uri("/api/alerts/stream"), lastEventId)) {
                received.addAll(fingerprints(second.take(7, PATIENCE)));

                // and two more arrive while it listens
                topic.publish(alerts(10, 12));
                received.addAll(fingerprints(second.take(2, PATIENCE)));
                assertNothingMoreAfterAHeartbeat(second);
            }

            // Then it got all twelve, each once
            assertThat(received).containsExactlyInAnyOrderElementsOf(fingerprints(alerts(0, 12)));
        }
    }

    @Test
    void shouldResumeOnAnotherInstanceFromTheSameLastEventId() throws Exception {
        // Given two alerter instances reading the same topic
        AlertTopic topic = new AlertTopic();
        topic.publish(alerts(0, 9));
        try (AlertFeed feedA = AlertTopic.startedFeed(topic.feedSettings(), new SimpleMeterRegistry());
             AlertFeed feedB = AlertTopic.startedFeed(topic.feedSettings(), new SimpleMeterRegistry());
             TestServer serverA = new TestServer(new AlertApi(feedA, AlertApiSettings.defaults().withHeartbeat(HEARTBEAT), new SimpleMeterRegistry()));
             TestServer serverB = new TestServer(new AlertApi(feedB, AlertApiSettings.defaults().withHeartbeat(HEARTBEAT), new SimpleMeterRegistry()))) {
            List<String> received = new ArrayList<>();

            // When a client reads four from A, then reconnects to B with the id of the fourth
            String lastEventId;
            try (SseReader onA = SseReader.open(serverA.uri("/api/alerts/stream"), null)) {
                List<SseReader.Event> events = onA.take(4, PATIENCE);
                received.addAll(fingerprints(events));
                lastEventId = events.get(3).id();
            }
            try (SseReader onB = SseReader.open(serverB.uri("/api/alerts/stream?lastEventId=" + lastEventId), null)) {
                received.addAll(fingerprints(onB.take(5, PATIENCE)));
                assertNothingMoreAfterAHeartbeat(onB);
            }

            // Then it got all nine, each once
            assertThat(received).containsExactlyInAnyOrderElementsOf(fingerprints(alerts(0, 9)));
        }
    }

    @Test
    void shouldRefuseStreamsPastTheCapWith503AndCountOpenOnes() throws Exception {
        // Given a cap of two streams
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             TestServer server = new TestServer(new AlertApi(feed,
                     AlertApiSettings.defaults().withMaxStreams(2).withHeartbeat(HEARTBEAT), registry))) {
            SseReader one = SseReader.open(server.uri("/api/alerts/stream"), null);
            SseReader two = SseReader.open(server.uri("/api/alerts/stream"), null);
            assertThat(List.of(one.status(), two.status())).containsOnly(200);
            assertThat(registry.get("triadwatch.sse.clients").gauge().value()).isEqualTo(2.0);

            // When a third one asks
            try (SseReader three = SseReader.open(server.uri("/api/alerts/stream"), null)) {
                // Then
                assertThat(three.status()).isEqualTo(503);
                JsonNode error = Json.mapper().readTree(three.errorBody());
                assertThat(error.get("error").asText()).isEqualTo("too_many_streams");
            }

            // And once one goes away (noticed at the next heartbeat), a new one is let in
            one.close();
            await().atMost(PATIENCE).until(() -> registry.get("triadwatch.sse.clients").gauge().value() == 1.0);
            try (SseReader again = SseReader.open(server.uri("/api/alerts/stream"), null)) {
                assertThat(again.status()).isEqualTo(200);
            }
            two.close();
        }
    }

    @Test
    void shouldSendHeartbeatsAndRejectABadLastEventId() throws Exception {
        AlertTopic topic = new AlertTopic();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
             TestServer server = new TestServer(new AlertApi(feed, AlertApiSettings.defaults().withHeartbeat(HEARTBEAT), registry))) {
            // An idle stream gets comment lines
            try (SseReader idle = SseReader.open(server.uri("/api/alerts/stream"), null)) {
                await().atMost(PATIENCE).until(() -> idle.comments() >= 2);
            }

            // A Last-Event-ID this API never sent is a 400 naming the header
            try (SseReader bad = SseReader.open(server.uri("/api/alerts/stream"), "42")) {
                assertThat(bad.status()).isEqualTo(400);
                assertThat(Json.mapper().readTree(bad.errorBody()).get("field").asText()).isEqualTo("Last-Event-ID");
            }
        }
    }
}
