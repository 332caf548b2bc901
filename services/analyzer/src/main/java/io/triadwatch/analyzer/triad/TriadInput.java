package io.triadwatch.analyzer.triad;

import io.triadwatch.model.Triad;
import java.util.Objects;

/**
 * What reaches a triad's partition (the {@code triad-inputs} repartition topic, key = triad id):
 * a dyad update, the triad's definition, or its removal.
 *
 * @param triad      triad id
 * @param move       a dyad update, or null
 * @param definition the triad's (new) definition, or null
 * @param removed    true when the triad is no longer watched
 */
public record TriadInput(String triad, DyadMove move, Triad definition, boolean removed) {
    public TriadInput {
        Objects.requireNonNull(triad, "triad");
    }

    /** @return a dyad update for {@code triad} */
    public static TriadInput move(String triad, DyadMove move) {
        return new TriadInput(triad, move, null, false);
    }

    /** @return a (re)definition */
    public static TriadInput define(Triad definition) {
        return new TriadInput(definition.id(), null, definition, false);
    }

    /** @return a removal */
    public static TriadInput remove(String triad) {
        return new TriadInput(triad, null, null, true);
    }
}
