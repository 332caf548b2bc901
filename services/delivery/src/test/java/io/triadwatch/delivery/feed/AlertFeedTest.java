package io.triadwatch.delivery.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class AlertFeedTest {
    private static final Instant T = Instant.parse("2023-07-27T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldReadTheTopicFromTheBeginningAndKeepTheLatestRecordPerFingerprint() throws Exception {
        // Given an episode that fired and resolved, and one still firing
        AlertTopic topic = new AlertTopic();
        Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        Alert resolved = TestAlerts.resolved(firing, T.plusSeconds(3600));
        Alert other = TestAlerts.firing("dyad-shift", "PRK-RUS", T);
        topic.publish(firing, resolved, other);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // When the feed starts
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry)) {
            // Then it is ready with everything read
            assertThat(feed.isReady()).isTrue();
            assertThat(feed.lastSeq()).isEqualTo(3);
            assertThat(feed.current()).containsOnlyKeys(firing.fingerprint(), other.fingerprint());
            assertThat(feed.current().get(firing.fingerprint()).alert()).isEqualTo(resolved);
            assertThat(feed.history(firing.fingerprint())).extracting(FeedEntry::alert).containsExactly(resolved, firing);
            assertThat(feed.history("nope:CHN-PRK")).isEmpty();
            assertThat(registry.get("triadwatch.alertfeed.ready").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("triadwatch.alertfeed.records").tag("outcome", "read").counter().count()).isEqualTo(3.0);
        }
    }

    @Test
    void shouldSkipAndCountRecordsThatAreNotAlertsAndGoOn() throws Exception {
        // Given three bad records, then a good one
        AlertTopic topic = new AlertTopic();
        Alert good = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        TestProducers.send(topic.bootstrapServers(), List.of(
                new ProducerRecord<>(topic.name(), good.fingerprint(), "not json"),
                new ProducerRecord<>(topic.name(), good.fingerprint(), "{\"fingerprint\":\"x\",\"surprise\":1}"),
                new ProducerRecord<>(topic.name(), good.fingerprint(), (String) null),
                new ProducerRecord<>(topic.name(), good.fingerprint(), Json.string(good))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // When
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), registry)) {
            // Then the good one is there and the bad ones are counted: in = read + rejected
            assertThat(feed.current()).containsOnlyKeys(good.fingerprint());
            assertThat(feed.rejectedCount()).isEqualTo(3);
            assertThat(registry.get("triadwatch.alertfeed.records").tag("outcome", "rejected").counter().count()).isEqualTo(3.0);
            assertThat(registry.get("triadwatch.alertfeed.records").tag("outcome", "read").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldReadOnlyCommittedAlerts() throws Exception {
        // Given an aborted transaction and a committed one
        AlertTopic topic = new AlertTopic();
        Alert aborted = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        Alert committed = TestAlerts.firing("rank-drop", "PRK-RUS", T);
        try (KafkaProducer<String, String> producer = TestProducers.transactional(topic.bootstrapServers(), "tx-" + topic.name())) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), aborted.fingerprint(), Json.string(aborted))).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), committed.fingerprint(), Json.string(committed))).get();
            producer.commitTransaction();
        }

        // When
        try (AlertFeed feed = AlertTopic.startedFeed(topic.feedSettings(), new SimpleMeterRegistry())) {
            // Then
            assertThat(feed.current()).containsOnlyKeys(committed.fingerprint());
            assertThat(feed.rejectedCount()).isZero();
        }
    }

    @Test
    void shouldAnnounceOnlyTheRecordsReadAfterCatchingUp() throws Exception {
        // Given a record written before the feed starts, and a listener added before it starts
        AlertTopic topic = new AlertTopic();
        Alert before = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        topic.publish(before);
        List<FeedEntry> heard = new CopyOnWriteArrayList<>();
        AlertFeed feed = new AlertFeed(topic.feedSettings(), new SimpleMeterRegistry());
        feed.addListener(heard::add);
        feed.addListener(entry -> {
            throw new IllegalStateException("a broken listener must not stop the feed");
        });
        try (feed) {
            feed.start();
            assertThat(feed.awaitReady(PATIENCE)).isTrue();

            // When a record arrives after catching up
            Alert after = TestAlerts.firing("rank-drop", "PRK-RUS", T);
            topic.publish(after);

            // Then only that one is announced, and the feed goes on despite the broken listener
            await().atMost(PATIENCE).until(() -> heard.size() == 1);
            assertThat(heard.get(0).alert()).isEqualTo(after);
            Alert third = TestAlerts.firing("rank-drop", "CHN-RUS", T);
            topic.publish(third);
            await().atMost(PATIENCE).until(() -> heard.size() == 2);
            assertThat(feed.current()).hasSize(3);
        }
    }
}
