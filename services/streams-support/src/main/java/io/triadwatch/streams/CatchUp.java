package io.triadwatch.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group (a Kafka Streams application id) has committed offsets at the end of
 * every partition of its input topics <em>and</em> of its own repartition topics: the exact meaning
 * of "all input is processed" for a topology with several sub-topologies.
 * <p>
 * The end is the read_committed end offset, read again on every pass: a repartition topic grows
 * while the upstream sub-topology works, and under exactly-once its records commit atomically with
 * the upstream input offsets, so once everything is at its end nothing more can arrive. Kafka
 * Streams commits {@code consumer.position()}, which steps over transaction markers (KAFKA-6607),
 * so a caught-up group's committed offset equals the end.
 */
public final class CatchUp {
    private final Admin admin;
    private final Consumer<String> progress;

    /**
     * @param admin    a connected admin client
     * @param progress receives a lag line about every two seconds while waiting
     */
    public CatchUp(Admin admin, Consumer<String> progress) {
        this.admin = admin;
        this.progress = progress;
    }

    /**
     * Blocks until {@code groupId} has caught up with the current end of {@code topics}.
     *
     * @param timeout how long to wait at most
     * @throws IllegalStateException when the group has not caught up in time (with the remaining lag)
     */
    public void await(String groupId, List<String> topics, Duration timeout) throws InterruptedException {
        await(groupId, topics, timeout, () -> null);
    }

    /**
     * Like {@link #await(String, List, Duration)}, but gives up at once when {@code failure} reports
     * one (e.g. the Streams app died), instead of waiting for the timeout.
     *
     * @param failure returns why the group can no longer catch up, or null while it can
     */
    public void await(String groupId, List<String> topics, Duration timeout, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        while (true) {
            long lag = lag(groupId, topics);
            if (lag == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(groupId + " did not catch up within " + timeout + ": " + lag + " records behind");
            }
            String failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException(groupId + " cannot catch up (" + lag + " records behind): " + failed);
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                progress.accept("... " + groupId + ": " + lag + " input records still to process");
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    /**
     * Like {@link #await(String, List, Duration, java.util.function.Supplier)}, and also until
     * {@code drained} says the application holds nothing back that no input offset shows (inputs an
     * ordering stage or a context gate holds, released by a wall-clock punctuation). Offsets at their
     * ends and nothing held, twice in a row: what one stage releases may be held by the next.
     *
     * @param drained true when nothing is held right now
     * @throws IllegalStateException when that does not happen within {@code timeout}, or {@code failure} reports
     */
    public void await(String groupId, List<String> topics, Duration timeout, java.util.function.Supplier<String> failure,
                      java.util.function.BooleanSupplier drained) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            await(groupId, topics, remaining(deadline), failure);
            if (drained.getAsBoolean()) {
                await(groupId, topics, remaining(deadline), failure);
                if (drained.getAsBoolean()) {
                    return;
                }
            }
            String failed = failure.get();
            if (failed != null || System.nanoTime() > deadline) {
                throw new IllegalStateException(groupId + ": inputs held back were not all applied within " + timeout
                        + (failed == null ? "" : ": " + failed));
            }
            Thread.sleep(50);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** @return {@code topics} plus the repartition topics Kafka Streams created for {@code applicationId}, sorted */
    public List<String> withRepartitionTopics(String applicationId, List<String> topics) {
        java.util.Set<String> all = new java.util.TreeSet<>(topics);
        get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * How far {@code groupId} is behind the end of {@code topics} and its repartition topics, summed
     * over partitions. The committed offsets are read <em>before</em> the end offsets: ends only
     * grow, so a zero then proves that everything written up to the second read was committed by
     * the first (reading the other way round would miss records committed between the reads).
     */
    public long lag(String groupId, List<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> ends = endOffsets(withRepartitionTopics(groupId, topics));
        return ends.entrySet().stream().mapToLong(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            long at = c == null ? 0 : c.offset();
            return Math.max(0, e.getValue() - at);
        }).sum();
    }

    /** @return the read_committed end offset of every partition of {@code topics} */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        Map<String, Integer> partitions = get(admin.describeTopics(topics).allTopicNames()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        Map<TopicPartition, OffsetSpec> request = partitions.entrySet().stream()
                .flatMap(e -> java.util.stream.IntStream.range(0, e.getValue()).mapToObj(p -> new TopicPartition(e.getKey(), p)))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** @return {@code groupId}'s committed offset of every partition it has committed */
    public Map<TopicPartition, Long> committedOffsets(String groupId) {
        return get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()).entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** @return the sum of {@code groupId}'s committed offsets over the partitions of {@code ends} (0 where none) */
    public long committedSum(String groupId, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        long sum = 0;
        for (TopicPartition tp : ends.keySet()) {
            OffsetAndMetadata c = committed.get(tp);
            sum += c == null ? 0 : c.offset();
        }
        return sum;
    }

    /**
     * @return the admin call's result, waiting at most 30 seconds
     * @throws IllegalStateException when it failed, timed out or was interrupted
     */
    public static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Kafka admin call", e);
        }
    }
}
