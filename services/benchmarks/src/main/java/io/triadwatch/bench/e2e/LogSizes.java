package io.triadwatch.bench.e2e;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Bytes held by the broker per topic (its log directories, as {@code kafka-log-dirs.sh} reports
 * them): what each application made the broker write and keep. Compacted topics may have shrunk.
 */
final class LogSizes {
    private LogSizes() {
    }

    /** @return bytes by topic, largest first */
    static Map<String, Long> byTopic(Admin admin) {
        Map<String, Long> sizes = new HashMap<>();
        var brokers = Offsets.get(admin.describeCluster().nodes()).stream().map(n -> n.id()).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs = Offsets.get(admin.describeLogDirs(brokers).allDescriptions());
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription dir : byDir.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> e : dir.replicaInfos().entrySet()) {
                    sizes.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
                }
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
