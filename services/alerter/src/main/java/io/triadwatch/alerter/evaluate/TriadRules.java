package io.triadwatch.alerter.evaluate;

import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadTimeline;
import io.triadwatch.serde.Durations;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.TriadState;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the structural triad rules on one triad state against the triad's earlier states. Pure.
 * Both read the triad's edges through the rule's {@link DeadBand}: an edge inside the band is neutral,
 * with hysteresis, so a score hovering around zero changes nothing.
 * <ul>
 *   <li>{@code TRIAD_BALANCE_FLIP}: every edge has a sign outside the band and the balance those signs
 *       give differs from the balance of the latest earlier state (in event time) whose edges all had
 *       one. An edge that leaves the band gives the triad a balance; it is a flip only when that balance
 *       differs from the one the triad had before the edge entered the band (so + → neutral → − flips,
 *       + → neutral → + does not, and a triad's first balance is not a flip). A flip back to the balance
 *       before the episode restores it.</li>
 *   <li>{@code PIVOT_CHANGE}: the computed pivot differs from the previous state's (configured pivots
 *       never count), and the moved edge ends outside the band (|score| ≥ exit) or fell all the way
 *       through it (from ≥ exit to below enter); a move that ends inside the band, hysteresis zone
 *       included, is noise and moves no pivot. A change back restores it.</li>
 * </ul>
 * Severity comes from the triad's own history: the size of the move that caused the change against
 * the moves of the triad's dyads recorded at earlier event times (states of the same instant are left
 * out, so the baseline does not depend on which of them arrived first).
 */
public final class TriadRules {
    /** The series of a triad's balance. */
    public static final String BALANCE_SERIES = "BALANCE";
    /** The series of a triad's pivot. */
    public static final String PIVOT_SERIES = "PIVOT";

    /** A balance flip whose weakest edge is below this many times the band's exit margin is at most info. */
    static final double WEAK_EDGE_FACTOR = 2.0;

    private final SeverityScale scale;

    /** @param scale the severity scale */
    public TriadRules(SeverityScale scale) {
        this.scale = scale;
    }

    /**
     * Evaluates a rule on a fresh triad state.
     *
     * @param rule     a triad rule
     * @param state    the new state
     * @param previous the previous snapshot of the triad, or null for its first state
     * @param earlier  the triad's timeline before this state
     * @param now      the triad's timeline with this state
     * @param open     the fingerprint's open episode, or null
     * @return the observation, or null when the state says nothing about this rule
     */
    public Observation observe(AlertRule rule, TriadState state, TriadSnapshot previous, TriadTimeline earlier, TriadTimeline now,
                               OpenEpisode open) {
        if (previous == null) {
            return null;
        }
        return switch (rule.type()) {
            case TRIAD_BALANCE_FLIP -> flip(rule, state, earlier, now, open);
            case PIVOT_CHANGE -> pivot(rule, state, previous, earlier, now, open);
            default -> null;
        };
    }

    private Observation flip(AlertRule rule, TriadState state, TriadTimeline earlier, TriadTimeline now, OpenEpisode open) {
        DeadBand band = DeadBand.of(rule);
        List<Map<String, Integer>> signs = band.signs(now);
        int index = indexOf(now, state);
        if (index < 0) {
            return null;
        }
        Map<String, Integer> here = signs.get(index);
        Boolean balance = DeadBand.balance(here);
        Map<String, Integer> lastSigned = null;
        for (int i = index - 1; i >= 0 && lastSigned == null; i--) {
            lastSigned = DeadBand.balance(signs.get(i)) == null ? null : signs.get(i);
        }
        Boolean before = lastSigned == null ? null : DeadBand.balance(lastSigned);
        boolean restores = open != null && balance != null && String.valueOf(balance).equals(open.before());
        if (balance == null || before == null || balance.equals(before)) {
            return Observation.point(BALANCE_SERIES, key(state), null, false, restores, null);
        }
        String summary = String.format(Locale.ROOT, "%s %s structural balance (signs %s to %s, product %+.3f; %s) when %s.",
                state.triad(), balance ? "regained" : "lost", DeadBand.signClass(lastSigned), DeadBand.signClass(here),
                state.product(), band.describe(), moveClause(state));
        Finding finding = finding(rule, state, earlier, state.product(), summary, weakEdge(state, band));
        return Observation.point(BALANCE_SERIES, key(state), String.valueOf(before), finding.reaches(rule.minSeverity()), restores, finding);
    }

    private Observation pivot(AlertRule rule, TriadState state, TriadSnapshot previous, TriadTimeline earlier, TriadTimeline now,
                              OpenEpisode open) {
        if (state.pivotConfigured() || previous.pivotConfigured() || state.pivot() == null || previous.pivot() == null) {
            return null;
        }
        boolean restores = open != null && state.pivot().equals(open.before());
        if (state.pivot().equals(previous.pivot())) {
            return Observation.point(PIVOT_SERIES, key(state), null, false, restores, null);
        }
        DeadBand band = DeadBand.of(rule);
        String moved = state.lastDyad();
        // A pivot compares tie strengths, and near a tie any move tips it. So the moved edge must end
        // outside the band (|score| >= exit), or have fallen all the way through it (from at or beyond
        // exit to below enter): a move that ends inside the band, hysteresis zone included, is noise.
        // (Before this, a news-tone move of 0.00 on CHN-USA at 0.14, and one of -0.03 taking RUS-USA from
        // 0.16 to 0.13, each changed CHN-RUS-USA's pivot.)
        TriadState.DyadScore edge = state.dyads().stream().filter(d -> d.dyad().equals(moved)).findFirst().orElse(null);
        double after = edge == null ? 0 : Math.abs(edge.score());
        double before = edge == null ? 0 : Math.abs(edge.score() - edge.delta());
        boolean clear = after >= band.exit() || before >= band.exit() && after < band.enter();
        if (!clear) {
            return Observation.point(PIVOT_SERIES, key(state), null, false, false, null);
        }
        String summary = String.format(Locale.ROOT, "The computed pivot of %s moved from %s to %s (asymmetry %.2f) when %s.",
                state.triad(), previous.pivot(), state.pivot(), state.pivotAsymmetry(), moveClause(state));
        Finding finding = finding(rule, state, earlier, state.pivotAsymmetry(), summary, null);
        return Observation.point(PIVOT_SERIES, key(state), previous.pivot(), finding.reaches(rule.minSeverity()), restores, finding);
    }

    /** @return the position of the state's snapshot in the timeline, or -1 when it was not kept */
    private static int indexOf(TriadTimeline timeline, TriadState state) {
        TriadSnapshot snapshot = TriadSnapshot.of(state);
        List<TriadSnapshot> all = timeline.snapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).moveKey().equals(snapshot.moveKey()) && all.get(i).asOf().equals(snapshot.asOf())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the triad's weakest edge in words when it is within {@link #WEAK_EDGE_FACTOR} times the band's
     *         exit margin (a balance resting on it is one or two routine events from neutral), else null
     */
    static String weakEdge(TriadState state, DeadBand band) {
        TriadState.DyadScore weakest = state.dyads().stream().min(Comparator.comparingDouble(d -> Math.abs(d.score()))).orElse(null);
        double limit = WEAK_EDGE_FACTOR * band.exit();
        if (weakest == null || Math.abs(weakest.score()) >= limit) {
            return null;
        }
        return String.format(Locale.ROOT, "%s at %+.2f, below %.2f (twice the dead band's exit), so the balance is not yet settled",
                weakest.dyad(), weakest.score(), limit);
    }

    private Finding finding(AlertRule rule, TriadState state, TriadTimeline earlier, double value, String headline, String weakEdge) {
        TriadSnapshot current = TriadSnapshot.of(state);
        SeverityScale.Judgement judgement = scale.judge(SeverityScale.Evidence.move(state.triad(), Math.abs(current.lastMove()),
                MoveStats.ofMoves(earlier.moveSizesBefore(state.asOf())), null, null).withWeakEdge(weakEdge));
        List<Alert.TriggeringEvent> events = state.lastEventId() == null ? List.of()
                : List.of(new Alert.TriggeringEvent(state.lastEventId(), null, state.asOf(), current.lastMove(),
                        state.lastDyad() == null ? null : String.format(Locale.ROOT, "moved %s by %+.2f", state.lastDyad(), current.lastMove())));
        String summary = headline + " Severity " + judgement.severity().label() + ": " + judgement.reason() + ".";
        return new Finding(rule.id(), rule.type(), state.triad(), value, null,
                Durations.iso(rule.window()), state.asOf(), judgement.severity(),
                judgement.reason(), summary, events, List.of(), List.of(), null);
    }

    private static String moveClause(TriadState state) {
        TriadState.DyadScore moved = state.dyads().stream().filter(d -> d.dyad().equals(state.lastDyad())).findFirst().orElse(null);
        return moved == null ? "event " + state.lastEventId() + " arrived"
                : String.format(Locale.ROOT, "%s moved %+.2f to %+.2f (event %s)", moved.dyad(), moved.delta(), moved.score(), state.lastEventId());
    }

    private static String key(TriadState state) {
        return state.lastEventId() + "@" + state.lastDyad();
    }
}
