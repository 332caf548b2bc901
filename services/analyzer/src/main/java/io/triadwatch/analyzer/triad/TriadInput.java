package io.triadwatch.analyzer.triad;

import io.triadwatch.analyzer.order.Watermark;
import io.triadwatch.model.Triad;
import java.util.List;
import java.util.Objects;

/**
 * What reaches a triad's partition (the {@code triad-inputs} repartition topic, key = triad id):
 * a dyad update, the triad's definition, its removal, or (with event-time ordering on) a dyad
 * task's {@link Watermark}, sent to every partition.
 *
 * @param triad      triad id; null only for a watermark
 * @param move       a dyad update, or null
 * @param recent     with a snapshot (a dyad answering a new triad): the dyad's moves inside the
 *                   zero-sum window, so that the triad's evidence does not depend on when it was
 *                   added; else empty
 * @param definition the triad's (new) definition, or null
 * @param removed    true when the triad is no longer watched
 * @param mark       a dyad task's watermark, or null
 */
public record TriadInput(String triad, DyadMove move, List<DyadMove> recent, Triad definition, boolean removed, Watermark mark) {
    public TriadInput {
        if (mark == null) {
            Objects.requireNonNull(triad, "triad");
        } else if (move != null || definition != null || removed) {
            throw new IllegalArgumentException("a watermark carries no move, definition or removal");
        }
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A dyad update, a definition or a removal. */
    public TriadInput(String triad, DyadMove move, List<DyadMove> recent, Triad definition, boolean removed) {
        this(triad, move, recent, definition, removed, null);
    }

    /** @return a dyad task's watermark */
    public static TriadInput mark(Watermark mark) {
        return new TriadInput(null, null, List.of(), null, false, Objects.requireNonNull(mark, "mark"));
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
