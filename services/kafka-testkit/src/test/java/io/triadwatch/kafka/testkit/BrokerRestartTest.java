package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.embedded.Topology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class BrokerRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void shouldKeepAcceptingAcksAllWritesWhileALeaderIsStoppedAndRejoinTheIsrOnRestart() throws Exception {
        // Given a cluster of one controller and three brokers, and a topic with three replicas and min ISR 2
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                .topology(Topology.controllerPlusBrokers(3)).build().start()) {
            final String bootstrap = cluster.bootstrapServers();
            final String topic = TestTopics.unique("bounce");
            TestTopics.create(bootstrap, List.of(new NewTopic(topic, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))));
            TestProducers.send(bootstrap, List.of(new ProducerRecord<>(topic, "before", "1")));
            final int leader;
            try (Admin admin = TestTopics.admin(bootstrap)) {
                leader = partition(admin, topic).leader().id();
            }

            // When its leader is stopped
            cluster.stopBroker(leader);

            // Then the others take over: acks=all writes still succeed, led by another broker
            assertThat(cluster.isBrokerRunning(leader)).isFalse();
            TestProducers.send(bootstrap, IntStream.range(0, 10)
                    .mapToObj(i -> new ProducerRecord<>(topic, "during-" + i, "2")).toList());
            try (Admin admin = TestTopics.admin(bootstrap)) {
                assertThat(partition(admin, topic).leader().id()).isNotEqualTo(leader);
            }

            // And when it restarts on its own data, it rejoins the in-sync replicas and nothing was lost
            cluster.restartBroker(leader);
            assertThat(cluster.isBrokerRunning(leader)).isTrue();
            try (Admin admin = TestTopics.admin(bootstrap)) {
                Awaitility.await("broker " + leader + " back in the ISR").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> partition(admin, topic).isr().stream().anyMatch(n -> n.id() == leader));
            }
            final List<ConsumerRecord<String, String>> read = TestConsumers.readCommitted(bootstrap, topic, 11, TIMEOUT);
            assertThat(read).hasSize(11);
        }
    }

    private static TopicPartitionInfo partition(final Admin admin, final String topic) throws Exception {
        final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().get(0);
    }
}
