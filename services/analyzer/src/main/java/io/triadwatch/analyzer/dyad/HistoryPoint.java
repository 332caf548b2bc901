package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.EventKind;
import java.time.Instant;

/**
 * One point of a dyad's history: the state written after one event.
 *
 * @param at      the event's time
 * @param asOf    the state's {@code asOf} after it (later than {@code at} for an out-of-order event)
 * @param score   the score after it
 * @param delta   the move it caused
 * @param eventId the event
 * @param kind    its kind
 * @param summary its summary, shortened, or null
 */
public record HistoryPoint(Instant at, Instant asOf, double score, double delta, String eventId, EventKind kind, String summary) {
}
