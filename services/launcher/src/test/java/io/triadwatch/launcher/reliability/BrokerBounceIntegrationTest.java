package io.triadwatch.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@code streams_broker_bounce_test.py} at small scale (issue 12): one Triadwatch instance
 * (analyzer, alerter, api) on a 1 + 3 broker cluster, every topic with three replicas and
 * {@code min.insync.replicas=2}, events written steadily ({@code acks=all}, idempotent), and the
 * broker leading most partitions of the events and dyad-state topics stopped and restarted on its own
 * data, five times. Afterwards no acknowledged event is lost, none is applied twice, no alert
 * record appears twice, and the instance recovered by itself (Streams RUNNING, {@code /ready} UP).
 * <p>
 * Sizes: {@code -Dtriadwatch.bounce.count} bounces (default 5), {@code -Dtriadwatch.bounce.rate}
 * events/s (default 30), {@code -Dtriadwatch.bounce.events-down} events acknowledged while each broker
 * is down (default 60).
 */
@Tag("integration")
class BrokerBounceIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBounceIntegrationTest.class);
    private static final int BOUNCES = Integer.getInteger("triadwatch.bounce.count", 5);
    private static final double RATE = Double.parseDouble(System.getProperty("triadwatch.bounce.rate", "30"));
    private static final int EVENTS_DOWN = Integer.getInteger("triadwatch.bounce.events-down", 60);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String AT = "2030-01-01T00:00:00Z";

    /** What one bounce did and how long each part took, in ms. */
    record Bounce(int broker, int partitionsLed, long stopMs, long downMs, long restartMs, long isrMs, long readyMs, long ackedWhileDown) {
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenPartitionLeadersAreBouncedUnderLoad(@TempDir Path dir) throws Exception {
        // Given a 1 + 3 broker cluster (replication 3, min ISR 2), one instance and events flowing
        try (EmbeddedKafkaCluster cluster = ReliabilityCluster.start()) {
            String bootstrap = cluster.bootstrapServers();
            List<Bounce> bounces = new ArrayList<>();
            Set<String> acked;
            long sent;
            long failed;
            try (Instance app = Instance.start(bootstrap, EnumSet.of(Role.ANALYZER, Role.ALERTER, Role.API), dir.resolve("app"), 1, "bounce");
                 Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Awaitility.await("instance ready").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(app::isReady);
                try (SteadyProducer producer = new SteadyProducer(bootstrap, new LoadEvents("bounce", Duration.ofMinutes(20)), RATE, Long.MAX_VALUE).start()) {

                    // When the leader of most event and dyad-state partitions is stopped and restarted, five times
                    for (int i = 0; i < BOUNCES; i++) {
                        awaitAcked(producer, producer.acked().size() + EVENTS_DOWN);
                        bounces.add(bounce(cluster, admin, app, producer));
                        LOG.info("FIGURES bounce {}: {}", i + 1, bounces.get(i));
                    }
                    awaitAcked(producer, producer.acked().size() + EVENTS_DOWN);
                    producer.finish();
                    acked = producer.acked();
                    sent = producer.sent();
                    failed = producer.failed();
                }
                app.app().awaitAnalyzed(TIMEOUT, LOG::info);
                app.app().awaitAlerted(TIMEOUT, LOG::info);

                // Then the instance recovered without a restart
                assertThat(app.app().streamsFailure()).isNull();
                assertThat(app.isReady()).isTrue();

                // And every acknowledged event was applied exactly once: one dyad-state record each, none twice, none in the DLQ
                List<String> applied = TestConsumers.readCommittedToEnd(bootstrap, Topics.DYAD_STATE.name(), TIMEOUT).stream()
                        .map(r -> Http.json(r.value()).path("lastEventId").asText()).toList();
                Set<String> appliedIds = new HashSet<>(applied);
                List<ConsumerRecord<String, String>> dlq = TestConsumers.readCommittedToEnd(bootstrap, Topics.DLQ.name(), TIMEOUT);
                LOG.info("FIGURES broker bounce: {} bounces, {} events sent, {} acknowledged, {} failed sends, {} applied, {} dead-lettered",
                        bounces.size(), sent, acked.size(), failed, appliedIds.size(), dlq.size());
                assertThat(duplicates(applied)).as("events applied twice").isEmpty();
                assertThat(appliedIds.size() + dlq.size()).as("in = processed + DLQ").isEqualTo(sent - failed);
                assertThat(dlq).as("dead letters (every event is valid)").isEmpty();
                assertThat(appliedIds).as("acknowledged events applied").containsAll(acked);

                // And the dyads count each once, and their histories hold each event once
                JsonNode dyads = Http.get(app.address(), "/api/dyads?limit=1000&at=" + AT).body();
                long counted = 0;
                List<String> history = new ArrayList<>();
                for (JsonNode dyad : dyads.path("items")) {
                    counted += dyad.path("eventCount").asLong();
                    JsonNode points = Http.get(app.address(), "/api/dyads/" + dyad.path("dyad").asText().replace('-', '/') + "/history").body();
                    points.path("points").forEach(p -> history.add(p.path("eventId").asText()));
                }
                assertThat(counted).isEqualTo(appliedIds.size());
                assertThat(duplicates(history)).as("history points twice").isEmpty();
                assertThat(new HashSet<>(history)).isEqualTo(appliedIds);

                // And no alert record was written twice
                List<String> alerts = TestConsumers.readCommittedToEnd(bootstrap, Topics.ALERTS.name(), TIMEOUT).stream()
                        .map(r -> episode(r.value())).toList();
                LOG.info("FIGURES broker bounce: {} alert records", alerts.size());
                assertThat(duplicates(alerts)).as("alert records twice").isEmpty();
            }
        }
    }

    private static Bounce bounce(EmbeddedKafkaCluster cluster, Admin admin, Instance app, SteadyProducer producer) throws Exception {
        Map<Integer, Long> led = leaders(admin, List.of(Topics.EVENTS.name(), Topics.DYAD_STATE.name()));
        int broker = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long start = System.nanoTime();
        cluster.stopBroker(broker);
        long stopped = System.nanoTime();
        int before = producer.acked().size();
        // the load goes on with two of three brokers: acks=all needs only min ISR 2
        awaitAcked(producer, before + EVENTS_DOWN);
        long restarting = System.nanoTime();
        cluster.restartBroker(broker);
        long restarted = System.nanoTime();
        Awaitility.await("broker " + broker + " back in every ISR").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> fullyReplicated(admin));
        long inSync = System.nanoTime();
        Awaitility.await("instance ready after bouncing " + broker).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> app.app().streamsFailure() == null && app.isReady());
        long ready = System.nanoTime();
        return new Bounce(broker, led.get(broker).intValue(), ms(stopped - start), ms(restarting - stopped), ms(restarted - restarting),
                ms(inSync - restarted), ms(ready - start), producer.acked().size() - before);
    }

    /** @return how many partitions of {@code topics} each broker leads */
    private static Map<Integer, Long> leaders(Admin admin, Collection<String> topics) throws Exception {
        return describe(admin, topics).stream().filter(p -> p.leader() != null)
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
    }

    /** @return whether every partition of every topic, Kafka's and Streams' internal ones too, has all its replicas in sync */
    private static boolean fullyReplicated(Admin admin) throws Exception {
        Set<String> all = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
        return describe(admin, all).stream().allMatch(p -> p.isr().size() == p.replicas().size());
    }

    private static List<TopicPartitionInfo> describe(Admin admin, Collection<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .map(TopicDescription::partitions).flatMap(List::stream).toList();
    }

    private static void awaitAcked(SteadyProducer producer, int acked) {
        Awaitility.await(acked + " events acknowledged").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> producer.acked().size() >= acked);
    }

    private static String episode(String alertJson) {
        JsonNode alert = Http.json(alertJson);
        return alert.path("fingerprint").asText() + "#" + alert.path("episode").asLong() + "#" + alert.path("status").asText()
                + "#" + alert.path("occurredAt").asText();
    }

    private static List<String> duplicates(List<String> values) {
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
