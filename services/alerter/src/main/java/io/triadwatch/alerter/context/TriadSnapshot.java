package io.triadwatch.alerter.context;

import io.triadwatch.model.state.TriadState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One triad state, reduced to what alerts cite: balance, pivot, the three scores and the move that
 * produced it.
 *
 * @param asOf            event time
 * @param lastDyad        the dyad whose move produced the state
 * @param lastEventId     the event behind that move
 * @param balanced        structural balance
 * @param signClass       e.g. {@code ++-}
 * @param pivot           the pivot, or null
 * @param pivotConfigured whether the pivot is configured rather than computed
 * @param pivotAsymmetry  the asymmetry of the pivot's two ties
 * @param product         product of the three scores
 * @param verdict         the zero-sum verdict, or null
 * @param dyads           the three dyads with score and last move
 */
public record TriadSnapshot(Instant asOf, String lastDyad, String lastEventId, boolean balanced, String signClass,
                            String pivot, boolean pivotConfigured, double pivotAsymmetry, double product, String verdict,
                            List<TriadState.DyadScore> dyads) {
    public TriadSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        dyads = dyads == null ? List.of() : List.copyOf(dyads);
    }

    /** @return the snapshot of a triad state */
    public static TriadSnapshot of(TriadState s) {
        return new TriadSnapshot(s.asOf(), s.lastDyad(), s.lastEventId(), s.balanced(), s.signClass(), s.pivot(),
                s.pivotConfigured(), s.pivotAsymmetry(), s.product(), s.zeroSum() == null ? null : s.zeroSum().verdict(),
                s.dyads());
    }

    /** @return the score entry of {@code dyad}, or null when the triad does not hold it */
    public TriadState.DyadScore scoreOf(String dyad) {
        return dyads.stream().filter(d -> d.dyad().equals(dyad)).findFirst().orElse(null);
    }

    /** @return the signed move of the dyad that produced this state, 0 when unknown */
    public double lastMove() {
        TriadState.DyadScore moved = lastDyad == null ? null : scoreOf(lastDyad);
        return moved == null ? 0 : moved.delta();
    }

    /** @return what identifies this state's move: event and dyad */
    public String moveKey() {
        return ContextCut.key(lastDyad, lastEventId);
    }
}
