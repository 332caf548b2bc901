package io.triadwatch.analyzer.order;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partitioner of a repartition topic that carries {@link Watermark}s in-band: a watermark goes to
 * every partition (a multicast, KIP-837), every other record where the default partitioner puts it
 * (by key), so data partitioning is unchanged.
 *
 * @param <V> the topic's value type
 */
public final class MarkPartitioner<V> implements StreamPartitioner<String, V> {
    private final Predicate<V> isMark;

    /** @param isMark true for a watermark record */
    public MarkPartitioner(Predicate<V> isMark) {
        this.isMark = isMark;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        if (value == null || !isMark.test(value)) {
            return Optional.empty();
        }
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}
