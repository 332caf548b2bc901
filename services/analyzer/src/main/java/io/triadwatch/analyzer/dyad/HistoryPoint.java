package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.EventKind;
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
 */
public record HistoryPoint(Instant at, double score, double delta, double rawSum, double impulse, String eventId, EventKind kind,
                           String summary) {
    public HistoryPoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
    }

    /**
     * @param carried an earlier impulse, already decayed to {@code at}
     * @param score   the normalization of raw sums to scores
     * @return this point as it stands once an earlier event, applied late, is counted
     */
    public HistoryPoint withEarlierImpulse(double carried, Score score) {
        double raw = rawSum + carried;
        return new HistoryPoint(at, score.of(raw), score.of(raw) - score.of(raw - impulse), raw, impulse, eventId, kind, summary);
    }
}
