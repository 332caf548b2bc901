package io.triadwatch.bench.e2e;

import io.triadwatch.streams.CatchUp;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets through an admin client: end offsets of topics and what a group has committed, read with
 * the same code as the launcher's catch-up ({@link CatchUp}), plus the small admin helpers the load
 * driver needs.
 */
final class Offsets {
    private final CatchUp catchUp;

    Offsets(Admin admin) {
        this.catchUp = new CatchUp(admin, line -> { });
    }

    /** @return the read_committed end offset of every partition of {@code topics} */
    Map<TopicPartition, Long> ends(List<String> topics) {
        return catchUp.endOffsets(topics);
    }

    /** @return the sum of the read_committed end offsets of {@code topics} (records, plus transaction markers) */
    long endSum(List<String> topics) {
        return ends(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the sum of {@code group}'s committed offsets over the partitions of {@code ends} */
    long committedSum(String group, Map<TopicPartition, Long> ends) {
        return catchUp.committedSum(group, ends);
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
        return CatchUp.get(future);
    }
}
