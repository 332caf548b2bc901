package io.triadwatch.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A statement issued jointly by two or more parties, with the wording it added or dropped
 * relative to the previous one (terms are matched against the analyzer's lexicon, lower case).
 *
 * @param subject the actor the wording concerns, optional
 */
public record JointStatement(String id, Instant occurredAt, Double confidence, Source source, String summary,
                             List<String> parties, String subject, List<String> termsAdded,
                             List<String> termsRemoved) implements Event {

    public JointStatement {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        parties = Actors.requireDistinct(parties, 2, "$.parties");
        subject = Actors.optional(subject, "$.subject");
        termsAdded = EventFields.terms(termsAdded, "$.termsAdded");
        termsRemoved = EventFields.terms(termsRemoved, "$.termsRemoved");
    }

    @Override
    public EventKind kind() {
        return EventKind.JOINT_STATEMENT;
    }

    @Override
    public Set<String> actors() {
        Set<String> all = new HashSet<>(parties);
        if (subject != null) {
            all.add(subject);
        }
        return Set.copyOf(all);
    }
}
