package io.triadwatch.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A military exercise held by {@code parties}, optionally aimed at {@code target}.
 */
public record MilitaryExercise(String id, Instant occurredAt, Double confidence, Source source, String summary,
                               List<String> parties, String target) implements Event {

    public MilitaryExercise {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        parties = Actors.requireDistinct(parties, 1, "$.parties");
        target = Actors.optional(target, "$.target");
        if (target != null && parties.contains(target)) {
            throw new InvalidFieldException("$.target", "target " + target + " is also a party");
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.MILITARY_EXERCISE;
    }

    @Override
    public Set<String> actors() {
        Set<String> all = new HashSet<>(parties);
        if (target != null) {
            all.add(target);
        }
        return Set.copyOf(all);
    }
}
