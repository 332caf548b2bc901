package io.triadwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.kafka.testkit.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link BrokerBacklog} against a real broker: a backlog is what the group has not committed yet. */
@Tag("integration")
class BrokerBacklogIntegrationTest {
    @Test
    void shouldReportABacklogUntilTheGroupHasCommittedEveryRecord() throws Exception {
        String topic = "test.backlog." + UUID.randomUUID();
        String group = "test-backlog-group-" + UUID.randomUUID();
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            // Given a topic with three records that the group has not read
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
                }
            }
            try (BrokerBacklog backlog = new BrokerBacklog(admin, List.of(topic), group, Duration.ofMillis(100), Duration.ofMinutes(5), "test-backlog")) {
                // Then, once the broker has been read, the topic has a backlog, but a task past the last record is at the end
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backlog.caughtUp(topic, 0, 3));
                assertThat(backlog.caughtUp()).isFalse();
                assertThat(backlog.caughtUp(topic, 0, 2)).isFalse();

                // When the group commits past the last record
                admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3))).all().get();

                // Then the topic counts as read to the end
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(backlog::caughtUp);
                assertThat(backlog.caughtUp(topic, 0, -1)).isTrue();
            }
        }
    }

    @Test
    void shouldWatchAnotherApplicationsOwnInternalTopicsOnly() throws Exception {
        String group = "test-upstream-" + UUID.randomUUID();
        String internal = group + "-stage-repartition";
        String input = "test.upstream-input." + UUID.randomUUID();
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers());
        try (Admin admin = Admin.create(kafka)) {
            // Given an application that has read one of three records of its internal topic, and none of its input
            admin.createTopics(List.of(new NewTopic(internal, 1, (short) 1), new NewTopic(input, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(internal, "k" + i, "v" + i)).get();
                    producer.send(new ProducerRecord<>(input, "k" + i, "v" + i)).get();
                }
            }
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(internal, 0), new OffsetAndMetadata(1),
                    new TopicPartition(input, 0), new OffsetAndMetadata(0))).all().get();
            try (BrokerBacklog backlog = BrokerBacklog.internalTopicsOf(admin, group, Duration.ofMillis(100), Duration.ofMinutes(5), "test-upstream")) {
                // Then it has a backlog
                Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> !backlog.caughtUp());

                // When it commits its internal topic to the end (its input still unread)
                admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(internal, 0), new OffsetAndMetadata(3))).all().get();

                // Then it counts as caught up: only its own internal topics are watched
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(backlog::caughtUp);
            }
        }
    }
}
