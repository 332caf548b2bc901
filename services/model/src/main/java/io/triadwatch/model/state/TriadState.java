package io.triadwatch.model.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one watched triad, the value of the compacted {@code triadwatch.triad-state.v1}
 * topic (key = {@link #triad()}).
 *
 * @param triad          sorted triad id, e.g. {@code CHN-PRK-RUS}
 * @param actors         the three actors, sorted
 * @param label          display label, or null
 * @param dyads          the three dyads with their current score and last move, sorted by dyad id
 * @param product        product of the three scores
 * @param signClass      signs of the three scores, sorted {@code +} before {@code -} before {@code 0}: {@code +++}, {@code ++-}, {@code +--}, {@code ---}, or with {@code 0}
 * @param balanced       true for {@code +++} and {@code +--} (structural balance)
 * @param pivot          the pivot actor
 * @param pivotConfigured true when the pivot comes from the triad's configuration, false when computed
 * @param pivotAsymmetry |score(pivot, x) − score(pivot, y)| of the pivot's two ties
 * @param zeroSum        the zero-sum evidence over the rolling window
 * @param asOf           event time of the last dyad update applied
 * @param lastDyad       the dyad whose update produced this state
 * @param lastEventId    the event behind that update
 * @param updatedAt      wall-clock time this state was written
 */
public record TriadState(String triad, List<String> actors, String label, List<DyadScore> dyads, double product,
                         String signClass, boolean balanced, String pivot, boolean pivotConfigured, double pivotAsymmetry,
                         ZeroSumEvidence zeroSum, Instant asOf, String lastDyad, String lastEventId, Instant updatedAt) {
    public TriadState {
        Objects.requireNonNull(triad, "triad");
        actors = List.copyOf(actors);
        dyads = List.copyOf(dyads);
    }

    /**
     * One side of the triangle.
     *
     * @param dyad  dyad id
     * @param score current score
     * @param delta its last move
     * @param asOf  event time of its last move, or null when it never moved
     */
    public record DyadScore(String dyad, double score, double delta, Instant asOf) {
    }

    /**
     * Does a move on one dyad coincide with opposite moves on the other two? Counted over the
     * moves inside the rolling window (event time).
     *
     * @param window     the window, ISO-8601 (e.g. {@code P90D})
     * @param moves      dyad moves in the window
     * @param opposing   pairs of moves on different dyads of this triad, within the window, with opposite signs
     * @param aligned    such pairs with the same sign
     * @param ratio      opposing / (opposing + aligned), or null when there is no pair
     * @param verdict    {@code ZERO_SUM_EVIDENCE} (ratio ≥ 0.6 with ≥ 3 pairs), {@code NO_ZERO_SUM_EVIDENCE}
     *                   (ratio ≤ 0.4 with ≥ 3 pairs), {@code MIXED}, or {@code INSUFFICIENT_DATA}
     */
    public record ZeroSumEvidence(String window, int moves, int opposing, int aligned, Double ratio, String verdict) {
    }
}
