package io.triadwatch.analyzer.dyad;

import java.util.List;
import java.util.Objects;

/**
 * The provenance of a combined impulse: several coded events of one dyad and one event-time bucket
 * summed by the intake into one record (docs/analytic-model.md §3.3). The record's own event id is
 * {@code topEventIds.get(0)}, the most intense of them.
 *
 * @param count       how many events the record stands for, at least 2
 * @param topEventIds the ids of the most intense of them (largest |Goldstein|, ties by id), most
 *                    intense first; at least one, at most {@code count}
 */
public record Combined(int count, List<String> topEventIds) {
    public Combined {
        if (count < 2) {
            throw new IllegalArgumentException("a combined impulse stands for at least 2 events, got " + count);
        }
        Objects.requireNonNull(topEventIds, "topEventIds");
        topEventIds = List.copyOf(topEventIds);
        if (topEventIds.isEmpty() || topEventIds.size() > count) {
            throw new IllegalArgumentException("a combined impulse names 1.." + count + " event ids, got " + topEventIds.size());
        }
    }
}
