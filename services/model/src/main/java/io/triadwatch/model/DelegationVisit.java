package io.triadwatch.model;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A visit by a delegation of {@code guest} to {@code host}. Visits to the same {@code occasion}
 * form the protocol baseline of the (host, guest, occasion) series.
 *
 * @param occasion series key such as {@code PRK_VICTORY_DAY}, optional
 */
public record DelegationVisit(String id, Instant occurredAt, Double confidence, Source source, String summary,
                              String host, String guest, String occasion, Delegation delegation) implements Event {
    // Compiled once: these checks run for every event decoded.
    private static final Pattern OCCASION = Pattern.compile("[A-Z0-9_]{1,64}");

    public DelegationVisit {
        EventFields.common(id, occurredAt, confidence, source, summary);
        confidence = EventFields.confidenceOrDefault(confidence);
        Actors.require(host, "$.host");
        Actors.require(guest, "$.guest");
        if (host.equals(guest)) {
            throw new InvalidFieldException("$.guest", "guest must differ from host, both are " + host);
        }
        if (occasion != null && !OCCASION.matcher(occasion).matches()) {
            throw new InvalidFieldException("$.occasion", "must match [A-Z0-9_]+, got '" + occasion + "'");
        }
        EventFields.required(delegation, "$.delegation");
    }

    @Override
    public EventKind kind() {
        return EventKind.DELEGATION_VISIT;
    }

    @Override
    public Set<String> actors() {
        return Set.of(host, guest);
    }

    /** @return the dyad of host and guest */
    public Dyad dyad() {
        return Dyad.of(host, guest);
    }
}
