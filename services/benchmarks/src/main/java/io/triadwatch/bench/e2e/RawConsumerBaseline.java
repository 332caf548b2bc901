package io.triadwatch.bench.e2e;

import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Baseline 1: a plain {@code read_committed} consumer with default settings reads every event
 * record (bytes, no decoding): the ceiling of what any consumer of this broker can do here.
 */
final class RawConsumerBaseline {
    private RawConsumerBaseline() {
    }

    /**
     * @param records records read
     * @param bytes   value bytes read
     * @param seconds from the first poll to the last record
     */
    record Result(long records, long bytes, double seconds) {
        double rate() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    static Result run(Map<String, Object> kafka, Map<TopicPartition, Long> ends, Progress progress) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-consumer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long expected = ends.values().stream().mapToLong(Long::longValue).sum();
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Offsets.partitions(consumer, List.of(Topics.EVENTS.name()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long lastReport = start;
            while (!reachedEnd(consumer, partitions, ends)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.value() == null ? 0 : r.value().length;
                }
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    progress.accept(String.format(java.util.Locale.ROOT, "raw consumer: %,d of %,d records", records, expected));
                    lastReport = System.nanoTime();
                }
                if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("the raw consumer did not reach the end in 5 minutes");
                }
            }
            return new Result(records, bytes, (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < ends.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }
}
