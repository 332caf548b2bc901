package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void shouldKeepTopicRecordsWhenRestartedOnTheSameDataDirectory() {
        // Given a cluster on a kept data directory, with a topic and two records
        final String topic = "restart.events";
        final String clusterId;
        try (EmbeddedKafkaCluster first = EmbeddedKafkaCluster.builder().dataDirectory(dataDirectory).build().start()) {
            clusterId = first.clusterId();
            TestTopics.create(first.bootstrapServers(), topic);
            TestProducers.send(first.bootstrapServers(), topic, Map.entry("a", "1"), Map.entry("b", "2"));
        }

        // When a new cluster starts on the same directory
        try (EmbeddedKafkaCluster second = EmbeddedKafkaCluster.builder().dataDirectory(dataDirectory).build().start()) {

            // Then the storage was not formatted again and the records are still there
            assertThat(second.clusterId()).isEqualTo(clusterId);
            final List<ConsumerRecord<String, String>> records =
                    TestConsumers.readCommittedToEnd(second.bootstrapServers(), topic, Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("a", "b");
        }
        assertThat(dataDirectory).isDirectory();
    }
}
