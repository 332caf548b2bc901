package io.triadwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A treaty signed by two or more parties. */
public record Treaty(String id, Instant occurredAt, Double confidence, Source source, String summary,
                     List<String> parties, Type treatyType) implements Event {

    /** The kind of treaty, strongest commitment first. */
    public enum Type { MUTUAL_DEFENSE, COMPREHENSIVE_STRATEGIC_PARTNERSHIP, STRATEGIC_PARTNERSHIP, FRIENDSHIP_AND_COOPERATION, OTHER }

    public Treaty {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        parties = Actors.requireDistinct(parties, 2, "$.parties");
        EventFields.required(treatyType, "$.treatyType");
    }

    @Override
    public EventKind kind() {
        return EventKind.TREATY;
    }

    @Override
    public Set<String> actors() {
        return Set.copyOf(parties);
    }
}
