package io.triadwatch.model;

import java.time.Instant;
import java.util.Set;

/**
 * A (possibly alleged) breach of a sanctions regime by {@code violator} with {@code counterparty}.
 *
 * @param regime the regime, e.g. {@code UNSC_1718}
 */
public record SanctionsViolation(String id, Instant occurredAt, Double confidence, Source source, String summary,
                                 String violator, String counterparty, String regime) implements Event {

    public SanctionsViolation {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        Actors.require(violator, "$.violator");
        Actors.require(counterparty, "$.counterparty");
        if (violator.equals(counterparty)) {
            throw new InvalidFieldException("$.counterparty", "counterparty must differ from violator, both are " + violator);
        }
        EventFields.text(regime, "$.regime", true);
    }

    @Override
    public EventKind kind() {
        return EventKind.SANCTIONS_VIOLATION;
    }

    @Override
    public Set<String> actors() {
        return Set.of(violator, counterparty);
    }
}
