package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ThreeBrokerClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldCreateReplicationFactorThreeTopicAndAcceptAcksAllWrites() throws Exception {
        // Given the shared three-broker cluster
        final String bootstrap = KafkaTestBroker.threeBrokerBootstrapServers();
        final String topic = TestTopics.unique("rf3");

        // When a topic with replication factor 3 and min.insync.replicas=2 is created
        TestTopics.create(bootstrap, List.of(new NewTopic(topic, 3, (short) 3)
                .configs(Map.of("min.insync.replicas", "2"))));

        // Then every partition has three in-sync replicas on three distinct brokers
        try (Admin admin = TestTopics.admin(bootstrap)) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
            final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(3).allSatisfy(p -> {
                assertThat(p.replicas()).hasSize(3);
                assertThat(p.isr()).hasSize(3);
            });
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            final Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(description.partitions()).extracting(TopicPartitionInfo::leader).doesNotContainNull();
        }

        // And acks=all writes to every partition succeed and read back
        final List<ProducerRecord<String, String>> records = IntStream.range(0, 30)
                .mapToObj(i -> new ProducerRecord<>(topic, i % 3, "k-" + i, "v-" + i))
                .toList();
        final List<RecordMetadata> acks = TestProducers.send(bootstrap, records);
        assertThat(acks).hasSize(30).allSatisfy(m -> assertThat(m.hasOffset()).isTrue());
        final List<ConsumerRecord<String, String>> read = TestConsumers.readCommitted(bootstrap, topic, 30, TIMEOUT);
        assertThat(read).hasSize(30);
    }
}
