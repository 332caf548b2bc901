package io.triadwatch.bench.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** Offsets through an admin client: end offsets of topics and what a group has committed. */
final class Offsets {
    private final Admin admin;

    Offsets(Admin admin) {
        this.admin = admin;
    }

    /** @return the read_committed end offset of every partition of {@code topics} */
    Map<TopicPartition, Long> ends(List<String> topics) {
        Map<TopicPartition, OffsetSpec> request = get(admin.describeTopics(topics).allTopicNames()).entrySet().stream()
                .flatMap(e -> IntStream.range(0, e.getValue().partitions().size()).mapToObj(p -> new TopicPartition(e.getKey(), p)))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** @return the sum of the read_committed end offsets of {@code topics} (records, plus transaction markers) */
    long endSum(List<String> topics) {
        return ends(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the sum of {@code group}'s committed offsets over the partitions of {@code ends} */
    long committedSum(String group, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long sum = 0;
        for (TopicPartition tp : ends.keySet()) {
            OffsetAndMetadata c = committed.get(tp);
            sum += c == null ? 0 : c.offset();
        }
        return sum;
    }

    /** @return every partition of {@code topics}, as {@code consumer} sees them */
    static List<TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
