package io.triadwatch.bench.scaling;

import io.triadwatch.streams.CatchUp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

/**
 * Who holds the input partitions of a Kafka Streams application, as its consumer group says: the
 * broker's view, which is what decides when a stopped instance's tasks have really moved (a static
 * member stays in the group, holding its tasks, until its session times out).
 *
 * @param stable     the group is {@code Stable} (no rebalance in progress)
 * @param partitions input partitions held, by instance name (the static member id without the
 *                   {@code -N} Kafka Streams appends per stream thread); an instance in the group
 *                   with no active task holds 0
 */
record GroupHolding(boolean stable, Map<String, Integer> partitions) {
    GroupHolding {
        partitions = Map.copyOf(partitions);
    }

    /** @return the current holding of {@code group} */
    static GroupHolding of(Admin admin, String group) {
        ConsumerGroupDescription description = CatchUp.get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
        Map<String, Integer> partitions = new TreeMap<>();
        for (MemberDescription member : description.members()) {
            String instance = member.groupInstanceId().map(GroupHolding::instanceName).orElse(member.consumerId());
            partitions.merge(instance, member.assignment().topicPartitions().size(), Integer::sum);
        }
        return new GroupHolding(description.groupState() == GroupState.STABLE, partitions);
    }

    /** @return true when {@code instance} is a member of the group */
    boolean member(String instance) {
        return partitions.containsKey(instance);
    }

    /** @return true when {@code instance} is a member and holds at least one input partition (an active task) */
    boolean active(String instance) {
        return partitions.getOrDefault(instance, 0) > 0;
    }

    private static String instanceName(String groupInstanceId) {
        return groupInstanceId.replaceFirst("-[0-9]+$", "");
    }
}
