package io.triadwatch.topics;

import java.util.Map;
import java.util.Objects;

/**
 * What one Triadwatch topic must look like: name, partitions, and whether it is compacted.
 *
 * @param name        the versioned topic name
 * @param partitions  partitions to create it with; an existing topic may have more
 * @param compacted   true for {@code cleanup.policy=compact}
 * @param key         what the key is, for documentation
 * @param value       what the value is, for documentation
 */
public record TopicSpec(String name, int partitions, boolean compacted, String key, String value) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    /** @return the topic configs to create it with */
    public Map<String, String> configs() {
        return compacted ? Map.of("cleanup.policy", "compact") : Map.of("cleanup.policy", "delete");
    }

    /** @return "compact" or "delete" */
    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
