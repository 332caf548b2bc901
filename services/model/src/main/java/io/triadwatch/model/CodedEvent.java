package io.triadwatch.model;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An event coded with a CAMEO code, as GDELT and ICEWS rows become.
 *
 * @param cameo     the CAMEO event code as a string (leading zeros matter: {@code 036})
 * @param goldstein −10..10, optional; the analyzer takes it from the CAMEO table when left out
 * @param mentions  how often it was reported, optional
 */
public record CodedEvent(String id, Instant occurredAt, Double confidence, Source source, String summary,
                         String actor1, String actor2, String cameo, Double goldstein, Integer mentions) implements Event {
    // Compiled once: these checks run for every event decoded.
    private static final Pattern CAMEO_CODE = Pattern.compile("[0-9]{2,4}");

    public CodedEvent {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        Actors.require(actor1, "$.actor1");
        Actors.require(actor2, "$.actor2");
        if (actor1.equals(actor2)) {
            throw new InvalidFieldException("$.actor2", "actor2 must differ from actor1, both are " + actor1);
        }
        if (cameo == null || !CAMEO_CODE.matcher(cameo).matches()) {
            throw new InvalidFieldException("$.cameo", "must be a CAMEO code of 2 to 4 digits as a string, got '" + cameo + "'");
        }
        if (goldstein != null && (goldstein.isNaN() || goldstein < -10 || goldstein > 10)) {
            throw new InvalidFieldException("$.goldstein", "must be between -10 and 10, got " + goldstein);
        }
        if (mentions != null && mentions < 0) {
            throw new InvalidFieldException("$.mentions", "must be at least 0, got " + mentions);
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.CODED;
    }

    @Override
    public Set<String> actors() {
        return Set.of(actor1, actor2);
    }

    /** @return the dyad of the two actors */
    public Dyad dyad() {
        return Dyad.of(actor1, actor2);
    }
}
