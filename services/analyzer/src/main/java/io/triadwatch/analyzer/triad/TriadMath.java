package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.Durations;
import io.triadwatch.analyzer.dyad.Decay;
import io.triadwatch.analyzer.dyad.ScoreModel;
import io.triadwatch.model.Dyad;
import io.triadwatch.model.Triad;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a triad, pure and hand-checkable.
 * <ul>
 *   <li>Scores: each dyad's decayed sum carried to the triad's {@code asOf} (the latest of its
 *       dyads' {@code asOf}), then normalized, so that three scores of different ages are
 *       compared at one instant.</li>
 *   <li>Balance: product of the three scores; sign class from the signs ({@code 0} inside the
 *       neutral band); balanced for {@code +++} and {@code +--}.</li>
 *   <li>Pivot: the configured one, else the actor whose two ties are strongest, by
 *       {@code |s(a,b)| + |s(a,c)|} (ties: alphabetical order).</li>
 *   <li>Zero-sum evidence: every pair of moves on different dyads inside the window is opposing
 *       (signs differ) or aligned; counted from per-dyad tallies ({@link ZeroSumTally}), not pair by pair.</li>
 * </ul>
 */
public final class TriadMath {
    /** Moves smaller than this are no moves. */
    static final double MOVE_EPSILON = 1e-12;
    private static final int MIN_PAIRS = 3;

    private final Decay decay;
    private final ScoreModel model;
    private final double neutralBand;
    private final Duration window;

    /**
     * @param halfLife    the dyads' half-life
     * @param scale       score = tanh(sum / scale)
     * @param neutralBand |score| below this is sign 0
     * @param window      the zero-sum window
     */
    public TriadMath(Duration halfLife, double scale, double neutralBand, Duration window) {
        this(halfLife, new ScoreModel(scale, null), neutralBand, window);
    }

    /**
     * @param halfLife    the dyads' half-life
     * @param model       how a dyad's channel sums become its score
     * @param neutralBand |score| below this is sign 0
     * @param window      the zero-sum window
     */
    public TriadMath(Duration halfLife, ScoreModel model, double neutralBand, Duration window) {
        this(new Decay(halfLife), model, neutralBand, window);
    }

    /**
     * @param decay       the dyads' decay, channel by channel
     * @param model       how a dyad's channel sums become its score
     * @param neutralBand |score| below this is sign 0
     * @param window      the zero-sum window
     */
    public TriadMath(Decay decay, ScoreModel model, double neutralBand, Duration window) {
        this.decay = decay;
        this.model = model;
        this.neutralBand = neutralBand;
        this.window = window;
    }

    /** @return the latest {@code asOf} among {@code dyads}, or null when none moved */
    public static Instant asOf(Collection<DyadMove> dyads) {
        Instant latest = null;
        for (DyadMove d : dyads) {
            if (d.asOf() != null && (latest == null || d.asOf().isAfter(latest))) {
                latest = d.asOf();
            }
        }
        return latest;
    }

    /** @return the start of the zero-sum window ending at {@code asOf} */
    public Instant windowStart(Instant asOf) {
        return asOf.minus(window);
    }

    /**
     * Computes the state of {@code triad}.
     *
     * @param dyads       the latest update of each dyad, by id (missing = never moved)
     * @param moves       the moves in the window
     * @param lastDyad    the dyad whose update produced this state, or null
     * @param lastEventId the event behind it, or null
     */
    public TriadState state(Triad triad, Map<String, DyadMove> dyads, List<TriadAggregate.Move> moves, String lastDyad, String lastEventId) {
        return state(triad, dyads, moves, lastDyad, lastEventId, Instant.now());
    }

    /**
     * Like {@link #state(Triad, Map, List, String, String)}, stamped {@code updatedAt} (a processor
     * passes its context's wall clock, so that a test driver controls it).
     */
    public TriadState state(Triad triad, Map<String, DyadMove> dyads, List<TriadAggregate.Move> moves, String lastDyad, String lastEventId,
                            Instant updatedAt) {
        Instant asOf = asOf(dyads.values());
        List<TriadState.DyadScore> scores = new ArrayList<>(3);
        for (Dyad dyad : triad.dyads()) {
            DyadMove d = dyads.get(dyad.id());
            if (d == null || d.asOf() == null) {
                scores.add(new TriadState.DyadScore(dyad.id(), 0, 0, null));
            } else {
                double score = model.of(decay.carry(d.sumsOrCurated(), d.asOf(), asOf));
                scores.add(new TriadState.DyadScore(dyad.id(), score, d.delta(), d.asOf()));
            }
        }
        double product = scores.get(0).score() * scores.get(1).score() * scores.get(2).score();
        String signClass = signClass(scores);
        boolean balanced = signClass.equals("+++") || signClass.equals("+--");
        String pivot = triad.pivot() != null ? triad.pivot() : strongestActor(triad, scores);
        double asymmetry = asymmetry(triad, scores, pivot);
        return new TriadState(triad.id(), triad.actors(), triad.label(), scores, product, signClass, balanced, pivot, triad.pivot() != null,
                asymmetry, zeroSum(moves), asOf, lastDyad, lastEventId, updatedAt);
    }

    /** @return the sign of {@code score}: {@code +}, {@code -}, or {@code 0} inside the neutral band */
    public char sign(double score) {
        return Math.abs(score) < neutralBand ? '0' : score > 0 ? '+' : '-';
    }

    private String signClass(List<TriadState.DyadScore> scores) {
        StringBuilder plus = new StringBuilder();
        StringBuilder minus = new StringBuilder();
        StringBuilder zero = new StringBuilder();
        for (TriadState.DyadScore s : scores) {
            char c = sign(s.score());
            (c == '+' ? plus : c == '-' ? minus : zero).append(c);
        }
        return plus.append(minus).append(zero).toString();
    }

    private static double score(List<TriadState.DyadScore> scores, String a, String b) {
        String id = Dyad.of(a, b).id();
        return scores.stream().filter(s -> s.dyad().equals(id)).findFirst().orElseThrow().score();
    }

    private static String strongestActor(Triad triad, List<TriadState.DyadScore> scores) {
        String best = null;
        double bestStrength = -1;
        for (String actor : triad.actors()) {
            double strength = 0;
            for (String other : triad.actors()) {
                if (!other.equals(actor)) {
                    strength += Math.abs(score(scores, actor, other));
                }
            }
            if (strength > bestStrength) {
                best = actor;
                bestStrength = strength;
            }
        }
        return best;
    }

    private static double asymmetry(Triad triad, List<TriadState.DyadScore> scores, String pivot) {
        List<String> others = triad.actors().stream().filter(a -> !a.equals(pivot)).toList();
        return Math.abs(score(scores, pivot, others.get(0)) - score(scores, pivot, others.get(1)));
    }

    /** Counts opposing and aligned pairs of moves on different dyads, from per-dyad tallies (linear, not pairwise). */
    TriadState.ZeroSumEvidence zeroSum(List<TriadAggregate.Move> moves) {
        ZeroSumTally tally = ZeroSumTally.of(moves);
        int opposing = tally.opposing();
        int aligned = tally.aligned();
        int pairs = opposing + aligned;
        Double ratio = pairs == 0 ? null : (double) opposing / pairs;
        String verdict;
        if (pairs < MIN_PAIRS) {
            verdict = "INSUFFICIENT_DATA";
        } else if (ratio >= 0.6) {
            verdict = "ZERO_SUM_EVIDENCE";
        } else if (ratio <= 0.4) {
            verdict = "NO_ZERO_SUM_EVIDENCE";
        } else {
            verdict = "MIXED";
        }
        return new TriadState.ZeroSumEvidence(Durations.iso(window), tally.moves(), opposing, aligned, ratio, verdict);
    }
}
