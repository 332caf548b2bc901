package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class SharedBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldRoundTripRecordsThroughSharedBroker() {
        // Given a fresh topic on the JVM's shared broker
        final String bootstrap = KafkaTestBroker.bootstrapServers();
        final String topic = TestTopics.unique("roundtrip");
        TestTopics.create(bootstrap, topic);

        // When three records are produced
        TestProducers.send(bootstrap, topic,
                Map.entry("e-1", "{\"id\":\"e-1\"}"),
                Map.entry("e-2", "{\"id\":\"e-2\"}"),
                Map.entry("e-3", "{\"id\":\"e-3\"}"));

        // Then a read_committed consumer reads them back in order
        final List<ConsumerRecord<String, String>> records = TestConsumers.readCommitted(bootstrap, topic, 3, TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("e-1", "e-2", "e-3");
        assertThat(records).extracting(ConsumerRecord::value).containsExactly(
                "{\"id\":\"e-1\"}", "{\"id\":\"e-2\"}", "{\"id\":\"e-3\"}");
    }

    @Test
    void shouldShowCommittedTransactionsAndHideAbortedOnesFromReadCommittedConsumers() {
        // Given a fresh topic and a transactional producer
        final String bootstrap = KafkaTestBroker.bootstrapServers();
        final String topic = TestTopics.unique("transactions");
        TestTopics.create(bootstrap, topic);
        try (KafkaProducer<String, String> producer =
                     TestProducers.transactional(bootstrap, TestTopics.unique("tx"))) {

            // When one transaction commits, one aborts, and a last one commits
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed-1", "a"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted", "b"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed-2", "c"));
            producer.commitTransaction();
        }

        // Then a read_committed consumer sees both committed records and never the aborted one
        final List<ConsumerRecord<String, String>> records = TestConsumers.readCommittedToEnd(bootstrap, topic, TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("committed-1", "committed-2");
    }

    @Test
    void shouldGiveEveryCallerTheSameBroker() {
        // Given the shared broker was started once
        final String first = KafkaTestBroker.bootstrapServers();

        // When it is asked for again
        final String second = KafkaTestBroker.bootstrapServers();

        // Then the same broker is returned, on the loopback address when it runs in-JVM
        assertThat(second).isEqualTo(first);
        if (KafkaTestBroker.isEmbedded()) {
            assertThat(first).startsWith("127.0.0.1:");
        }
    }
}
