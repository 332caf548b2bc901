package io.triadwatch.bench.e2e;

import io.triadwatch.streams.CatchUp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves a stopped Streams application's committed offsets to the end of its input and repartition
 * topics, as {@code kafka-streams-application-reset --to-latest} does: the backlog is skipped, the
 * state built so far is kept. Used when the throughput phase hit its time limit, so that the latency
 * run measures a pipeline that is caught up rather than one draining a backlog.
 */
final class BacklogSkip {
    private BacklogSkip() {
    }

    /**
     * @return input offsets skipped
     * @throws IllegalStateException when the group does not become empty in time
     */
    static long toEnd(Admin admin, String group, List<String> sources, Duration timeout, Progress progress) throws InterruptedException {
        List<String> topics = new CatchUp(admin, progress).withRepartitionTopics(group, sources);
        Offsets offsets = new Offsets(admin);
        Map<TopicPartition, Long> ends = offsets.ends(topics);
        long skipped = ends.values().stream().mapToLong(Long::longValue).sum() - offsets.committedSum(group, ends);
        Map<TopicPartition, OffsetAndMetadata> target = ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        long deadline = System.nanoTime() + timeout.toNanos();
        removeMembers(admin, group);
        while (true) {
            try {
                Offsets.get(admin.alterConsumerGroupOffsets(group, target).all());
                progress.accept(String.format(java.util.Locale.ROOT, "%s: committed offsets moved to the end, %,d input offsets skipped", group, skipped));
                return skipped;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot move the offsets of " + group + ": " + e.getMessage(), e);
                }
                TimeUnit.MILLISECONDS.sleep(500);
                removeMembers(admin, group);
            }
        }
    }

    /** A closed Streams app may still be a member until its session times out; remove it now. */
    private static void removeMembers(Admin admin, String group) {
        try {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no member left, or the group is already empty: nothing to remove
        }
    }
}
