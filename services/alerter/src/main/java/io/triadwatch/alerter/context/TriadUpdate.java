package io.triadwatch.alerter.context;

import io.triadwatch.model.state.TriadState;
import java.util.Objects;

/**
 * A triad state routed to one of its dyads, the value of the
 * {@code alerter-triad-context-by-dyad} repartition topic.
 *
 * @param triad the triad id
 * @param state its new state, or null when the triad is no longer watched (a tombstone)
 */
public record TriadUpdate(String triad, TriadState state) {
    public TriadUpdate {
        Objects.requireNonNull(triad, "triad");
    }
}
