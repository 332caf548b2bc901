package io.triadwatch.ingest.publish;

import io.triadwatch.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one ingest run did. {@code read = published + duplicates + rejected + skipped}; publication
 * failures are counted among the rejections with reason {@link RejectReason#PUBLISH_FAILED}.
 *
 * @param read       inputs read
 * @param published  events acknowledged by the cluster
 * @param duplicates events not sent because their id was seen earlier in the run
 * @param rejected   invalid inputs by reason (sent to the DLQ)
 * @param skipped    valid inputs deliberately left out, by reason (e.g. {@code after-until}, {@code no-country-pair})
 */
public record IngestSummary(long read, long published, long duplicates, Map<RejectReason, Long> rejected, Map<String, Long> skipped) {
    public IngestSummary {
        rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejected));
        skipped = Map.copyOf(skipped);
    }

    /** @return all skips */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return all rejections */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return one line for a terminal */
    public String describe() {
        String reasons = rejected.isEmpty() ? "" : " (" + rejected.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
        String skips = skipped.isEmpty() ? "" : ", skipped " + skippedTotal() + " (" + skipped.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
        return "read " + read + ", published " + published + ", duplicates " + duplicates + ", rejected " + rejectedTotal() + reasons + skips;
    }
}
