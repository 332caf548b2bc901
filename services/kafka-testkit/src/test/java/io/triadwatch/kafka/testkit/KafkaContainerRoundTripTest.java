package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The same round trip as {@link SharedBrokerTest}, against a Kafka container; skipped without Docker. */
@Tag("integration")
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerRoundTripTest {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(KafkaTestBroker.DEFAULT_IMAGE))
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @Test
    void shouldRoundTripRecordsThroughKafkaContainer() {
        // Given a topic on the container broker
        final String bootstrap = KAFKA.getBootstrapServers();
        final String topic = TestTopics.unique("container-roundtrip");
        TestTopics.create(bootstrap, topic);

        // When two records are produced
        TestProducers.send(bootstrap, topic, Map.entry("k1", "v1"), Map.entry("k2", "v2"));

        // Then a read_committed consumer reads them back
        final List<ConsumerRecord<String, String>> records =
                TestConsumers.readCommitted(bootstrap, topic, 2, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("v1", "v2");
    }
}
