package io.triadwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A meeting of heads of state or government.
 *
 * @param participants two or more distinct actors
 * @param host         the hosting actor, optional; must be a participant
 * @param level        the level of the meeting
 */
public record Summit(String id, Instant occurredAt, Double confidence, Source source, String summary,
                     List<String> participants, String host, Level level) implements Event {

    /** Level of a summit. */
    public enum Level { HEAD_OF_STATE, HEAD_OF_GOVERNMENT }

    public Summit {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        participants = Actors.requireDistinct(participants, 2, "$.participants");
        host = Actors.optional(host, "$.host");
        if (host != null && !participants.contains(host)) {
            throw new InvalidFieldException("$.host", "host " + host + " is not among the participants " + participants);
        }
        EventFields.required(level, "$.level");
    }

    @Override
    public EventKind kind() {
        return EventKind.SUMMIT;
    }

    @Override
    public Set<String> actors() {
        return Set.copyOf(participants);
    }
}
