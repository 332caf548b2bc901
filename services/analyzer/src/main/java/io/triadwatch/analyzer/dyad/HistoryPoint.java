package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.ChannelSums;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a dyad's history: the dyad just after one event, at that event's own time. The
 * points of a dyad form its score path in event time; an event applied out of order inserts its
 * point where it belongs and re-states the later points (see {@link #withEarlierImpulse}).
 *
 * @param at      the event's time
 * @param score   the score just after it, at {@code at}
 * @param delta   the move it caused, at {@code at}
 * @param rawSum  the decayed impulse sum behind {@code score}, as of {@code at}
 * @param impulse the impulse the event gave the dyad
 * @param eventId the event
 * @param kind    its kind
 * @param summary its summary, shortened, or null
 * @param sums        the decayed channel sums behind {@code rawSum}, as of {@code at}; null reads as
 *                    {@code rawSum} all curated (points written before channels existed)
 * @param impulseSums the event's impulse by channel; null reads as {@code impulse} all curated
 * @param combined    for the one point of a combined record (coded events of one bucket summed by the
 *                    intake): their count and most intense ids ({@code eventId} is the first of them,
 *                    {@code at} the latest event time of them); null for one event's point
 */
public record HistoryPoint(Instant at, double score, double delta, double rawSum, double impulse, String eventId, EventKind kind,
                           String summary, ChannelSums sums, ChannelSums impulseSums, Combined combined) {
    public HistoryPoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
        sums = sums == null ? ChannelSums.curated(rawSum) : sums;
        impulseSums = impulseSums == null ? ChannelSums.curated(impulse) : impulseSums;
    }

    /** One event's point (not combined). */
    public HistoryPoint(Instant at, double score, double delta, double rawSum, double impulse, String eventId, EventKind kind,
                        String summary, ChannelSums sums, ChannelSums impulseSums) {
        this(at, score, delta, rawSum, impulse, eventId, kind, summary, sums, impulseSums, null);
    }

    /** A point with every impulse curated, as written before channels existed. */
    public HistoryPoint(Instant at, double score, double delta, double rawSum, double impulse, String eventId, EventKind kind, String summary) {
        this(at, score, delta, rawSum, impulse, eventId, kind, summary, null, null);
    }

    /**
     * @param carried an earlier impulse, already decayed to {@code at}
     * @param model   the combination of sums into scores
     * @return this point as it stands once an earlier event, applied late, is counted
     */
    public HistoryPoint withEarlierImpulse(ChannelSums carried, ScoreModel model) {
        ChannelSums next = sums.plus(carried);
        double after = model.of(next);
        return new HistoryPoint(at, after, after - model.of(next.minus(impulseSums)), model.raw(next), impulse, eventId, kind, summary,
                next, impulseSums, combined);
    }
}
