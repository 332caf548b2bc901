package io.triadwatch.analyzer.triad;

import io.triadwatch.model.Triad;
import java.util.List;
import java.util.Objects;

/**
 * What reaches a triad's partition (the {@code triad-inputs} repartition topic, key = triad id):
 * a dyad update, the triad's definition, or its removal.
 *
 * @param triad      triad id
 * @param move       a dyad update, or null
 * @param recent     with a snapshot (a dyad answering a new triad): the dyad's moves inside the
 *                   zero-sum window, so that the triad's evidence does not depend on when it was
 *                   added; else empty
 * @param definition the triad's (new) definition, or null
 * @param removed    true when the triad is no longer watched
 */
public record TriadInput(String triad, DyadMove move, List<DyadMove> recent, Triad definition, boolean removed) {
    public TriadInput {
        Objects.requireNonNull(triad, "triad");
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** @return a dyad update for {@code triad} */
    public static TriadInput move(String triad, DyadMove move) {
        return new TriadInput(triad, move, List.of(), null, false);
    }

    /** @return a dyad's snapshot for a triad that starts watching it, with its recent moves */
    public static TriadInput snapshot(String triad, DyadMove snapshot, List<DyadMove> recent) {
        return new TriadInput(triad, snapshot, recent, null, false);
    }

    /** @return a (re)definition */
    public static TriadInput define(Triad definition) {
        return new TriadInput(definition.id(), null, List.of(), definition, false);
    }

    /** @return a removal */
    public static TriadInput remove(String triad) {
        return new TriadInput(triad, null, List.of(), null, true);
    }
}
