package io.triadwatch.model.state;

import io.triadwatch.model.EventKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One event's part in a dyad score: what makes every number traceable.
 *
 * @param eventId    the event
 * @param kind       its kind
 * @param occurredAt its event time
 * @param impulse    the signed impulse it gave this dyad (−10..+10 scale, already scaled by confidence)
 * @param weight     the impulse's decayed weight as of the state's {@code asOf} (impulse × decay)
 * @param summary    the event's summary, shortened, or null
 */
public record Contribution(String eventId, EventKind kind, Instant occurredAt, double impulse, double weight, String summary) {
    public Contribution {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
