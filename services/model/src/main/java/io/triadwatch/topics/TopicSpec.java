package io.triadwatch.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one Triadwatch topic must look like: name, partitions, and whether it is compacted.
 * <p>
 * A compacted topic keeps every record for at least {@link #MIN_COMPACTION_LAG}
 * ({@code min.compaction.lag.ms}) before the log cleaner may drop it for a newer one of its key. The
 * alerter judges every dyad and triad state, not only the latest: if the cleaner dropped states that a
 * lagging alerter had not read yet (a restart, a backlog), which states it saw, and so its alerts,
 * would depend on timing. A consumer that reads within the lag sees every state; one that starts later
 * (a new application reading from the start) sees at least the latest state of every key.
 *
 * @param name        the versioned topic name
 * @param partitions  partitions to create it with; an existing topic may have more
 * @param compacted   true for {@code cleanup.policy=compact}
 * @param key         what the key is, for documentation
 * @param value       what the value is, for documentation
 */
public record TopicSpec(String name, int partitions, boolean compacted, String key, String value) {
    /** How long a record of a compacted topic is kept before compaction may drop it: a week of outage or backlog. */
    public static final Duration MIN_COMPACTION_LAG = Duration.ofDays(7);

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    /** @return the topic configs to create it with */
    public Map<String, String> configs() {
        return compacted
                ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", Long.toString(MIN_COMPACTION_LAG.toMillis()))
                : Map.of("cleanup.policy", "delete");
    }

    /** @return "compact" or "delete" */
    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
