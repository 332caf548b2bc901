package io.triadwatch.alerter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Waits until a Kafka Streams application has processed everything on its input topics, stage after
 * stage: its committed offsets reach the read_committed end of every partition (Kafka Streams commits
 * positions past transaction markers).
 */
final class CatchUp {
    private CatchUp() {
    }

    /**
     * @param admin   a connected admin client
     * @param groupId the application id
     * @param stages  the application's input topics, stage by stage; each stage's end is taken after
     *                the stage before it has caught up
     * @param timeout how long to wait for each stage
     */
    static void await(Admin admin, String groupId, List<List<String>> stages, Duration timeout) {
        for (List<String> stage : stages) {
            Map<TopicPartition, Long> ends = ends(admin, stage);
            Awaitility.await(groupId + " caught up with " + stage).atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> lag(admin, groupId, ends) == 0);
        }
    }

    private static long lag(Admin admin, String groupId, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().mapToLong(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }).sum();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .flatMap(e -> IntStream.range(0, e.getValue().partitions().size()).mapToObj(p -> new TopicPartition(e.getKey(), p)))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e);
        }
    }
}
