package io.triadwatch.kafka.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads what is committed on a topic, as a downstream subscriber would see it.
 * <p>
 * Every read uses a fresh consumer with {@code isolation.level=read_committed} and no consumer
 * group: it is assigned all partitions of the topic, starts at the beginning, and polls (through
 * Awaitility, in the calling thread) until a condition holds or the timeout expires. Records of
 * aborted or still open transactions are never returned.
 */
public final class TestConsumers {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    private TestConsumers() {
    }

    /**
     * Reads at least {@code count} committed string records from the beginning of {@code topic}.
     *
     * @param bootstrapServers the broker to read from
     * @param topic            an existing topic
     * @param count            how many records to wait for
     * @param timeout          how long to wait
     * @return every record read, in partition order, at least {@code count} of them
     * @throws AssertionError if fewer records arrived within the timeout
     */
    public static List<ConsumerRecord<String, String>> readCommitted(final String bootstrapServers, final String topic,
                                                                     final int count, final Duration timeout) {
        return readCommittedUntil(bootstrapServers, topic, records -> records.size() >= count, timeout);
    }

    /**
     * Reads committed string records from the beginning of {@code topic} until {@code until} holds
     * for everything read so far.
     *
     * @param bootstrapServers the broker to read from
     * @param topic            an existing topic
     * @param until            tested after every poll with all records read so far
     * @param timeout          how long to wait
     * @return every record read
     * @throws AssertionError if the condition did not hold within the timeout
     */
    public static List<ConsumerRecord<String, String>> readCommittedUntil(
            final String bootstrapServers, final String topic,
            final Predicate<? super List<ConsumerRecord<String, String>>> until, final Duration timeout) {
        return readCommittedUntil(bootstrapServers, topic, new StringDeserializer(), new StringDeserializer(),
                until, timeout);
    }

    /**
     * Reads committed records with the given deserializers until {@code until} holds, for example raw
     * {@code byte[]} values from the dead-letter topic.
     *
     * @param bootstrapServers  the broker to read from
     * @param topic             an existing topic
     * @param keyDeserializer   the key deserializer
     * @param valueDeserializer the value deserializer
     * @param until             tested after every poll with all records read so far
     * @param timeout           how long to wait
     * @param <K>               the key type
     * @param <V>               the value type
     * @return every record read
     * @throws AssertionError if the condition did not hold within the timeout
     */
    public static <K, V> List<ConsumerRecord<K, V>> readCommittedUntil(
            final String bootstrapServers, final String topic,
            final Deserializer<K> keyDeserializer, final Deserializer<V> valueDeserializer,
            final Predicate<? super List<ConsumerRecord<K, V>>> until, final Duration timeout) {
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = assignedFromStart(bootstrapServers, topic, keyDeserializer,
                valueDeserializer, timeout)) {
            Awaitility.await("committed records on " + topic)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(POLL).forEach(records::add);
                        return until.test(records);
                    });
            return records;
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Condition on topic " + topic + " not met within " + timeout.toMillis()
                    + " ms; read " + records.size() + " committed record(s): " + summary(records), e);
        }
    }

    /**
     * Reads every committed record that is on {@code topic} now: up to the last stable offset of
     * each partition at the time of the call. Useful to assert that something is <em>not</em> there.
     *
     * @param bootstrapServers the broker to read from
     * @param topic            an existing topic
     * @param timeout          how long to wait
     * @return every committed record up to the end of the topic
     * @throws AssertionError if the end was not reached within the timeout
     */
    public static List<ConsumerRecord<String, String>> readCommittedToEnd(final String bootstrapServers,
                                                                          final String topic, final Duration timeout) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = assignedFromStart(bootstrapServers, topic,
                new StringDeserializer(), new StringDeserializer(), timeout)) {
            final Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
            Awaitility.await("end of " + topic)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        consumer.poll(POLL).forEach(records::add);
                        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    });
            return records;
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Did not reach the end of topic " + topic + " within " + timeout.toMillis()
                    + " ms; read " + records.size() + " committed record(s): " + summary(records), e);
        }
    }

    private static <K, V> KafkaConsumer<K, V> assignedFromStart(final String bootstrapServers, final String topic,
                                                                final Deserializer<K> keys, final Deserializer<V> values,
                                                                final Duration timeout) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "triadwatch-test-consumer-" + CLIENT_IDS.incrementAndGet());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values);
        try {
            final List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist (create it with TestTopics.create)");
            }
            final List<TopicPartition> assignment = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static <K, V> String summary(final List<ConsumerRecord<K, V>> records) {
        final int shown = Math.min(records.size(), 10);
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shown; i++) {
            final ConsumerRecord<K, V> r = records.get(i);
            text.append(i == 0 ? "" : ", ").append(r.partition()).append('@').append(r.offset())
                    .append(' ').append(r.key()).append('=').append(r.value());
        }
        return text.append(records.size() > shown ? ", ...]" : "]").toString();
    }
}
