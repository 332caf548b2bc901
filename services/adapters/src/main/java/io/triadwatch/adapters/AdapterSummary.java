package io.triadwatch.adapters;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The counts of a finished run. They balance: {@code read == accepted + skippedTotal()}.
 *
 * @param format   the adapter format
 * @param input    the input name
 * @param read     input records read (header excluded)
 * @param accepted records that went into a produced event (equals {@code produced} except for
 *                 {@code unsc-votes}, where the member votes of one draft make one event)
 * @param produced events produced
 * @param skipped  records skipped, by reason; only reasons that occurred, in enum order
 */
public record AdapterSummary(String format, String input, long read, long accepted, long produced,
                             Map<SkipReason, Long> skipped) {

    public AdapterSummary {
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        skipped.forEach((reason, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count + " for " + reason);
            }
            if (count > 0) {
                copy.put(reason, count);
            }
        });
        skipped = Collections.unmodifiableMap(copy);
        long total = copy.values().stream().mapToLong(Long::longValue).sum();
        if (read < 0 || accepted < 0 || produced < 0 || produced > accepted || read != accepted + total) {
            throw new IllegalArgumentException("counts do not balance: read " + read + " != accepted " + accepted
                    + " + skipped " + total + " (produced " + produced + ")");
        }
    }

    /** @return records skipped for any reason */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return records skipped for {@code reason}, 0 when none */
    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /** @return one line for the CLI, e.g. {@code unsc-votes FILE: read 9239, produced 615 (from 9222 records), skipped 17 (MALFORMED 15, CONFLICTING_VOTE 2)} */
    public String describe() {
        String reasons = skipped.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return format + " " + input + ": read " + read + ", produced " + produced
                + (accepted != produced ? " (from " + accepted + " records)" : "")
                + ", skipped " + skippedTotal() + (reasons.isEmpty() ? "" : " (" + reasons + ")");
    }
}
