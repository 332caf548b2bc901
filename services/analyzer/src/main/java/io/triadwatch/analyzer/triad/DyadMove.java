package io.triadwatch.analyzer.triad;

import io.triadwatch.model.state.ChannelSums;
import java.time.Instant;

/**
 * A dyad's state as a triad needs it: sent to every watching triad on each update, and once to a
 * triad that starts watching (a snapshot).
 *
 * @param dyad    dyad id
 * @param rawSum  decayed impulse sum as of {@code asOf} (0 for a dyad that never moved)
 * @param asOf    event time of the dyad's last applied event, or null when it never moved
 * @param score   its score as of {@code asOf}
 * @param delta   its last move
 * @param eventId the event behind the update, or null for a snapshot of a dyad that never moved
 * @param eventAt that event's time, or null
 * @param moved   true for an update caused by an event, false for a snapshot or a correction
 * @param sums    the dyad's channel sums as of {@code asOf}, or null when every impulse is curated
 *                ({@code rawSum} is then the curated sum): the triad carries them to its own instant
 */
public record DyadMove(String dyad, double rawSum, Instant asOf, double score, double delta, String eventId, Instant eventAt, boolean moved,
                       ChannelSums sums) {
    /** A move whose sum is all curated. */
    public DyadMove(String dyad, double rawSum, Instant asOf, double score, double delta, String eventId, Instant eventAt, boolean moved) {
        this(dyad, rawSum, asOf, score, delta, eventId, eventAt, moved, null);
    }

    /** @return the channel sums, or {@code rawSum} as curated */
    public ChannelSums sumsOrCurated() {
        return sums != null ? sums : ChannelSums.curated(rawSum);
    }
}
