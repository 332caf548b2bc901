package io.triadwatch.alerter.evaluate;

import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadTimeline;
import io.triadwatch.alerter.Durations;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.TriadState;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates the structural triad rules on one triad state against the previous one. Pure.
 * <ul>
 *   <li>{@code TRIAD_BALANCE_FLIP}: {@code balanced} differs from the previous state's, and every dyad has a
 *       sign in both states. A dyad that leaves zero (its first event, or a score inside the analyzer's
 *       neutral band) gives the triad a balance for the first time: that is not a flip. A flip back to the
 *       value before the episode restores it.</li>
 *   <li>{@code PIVOT_CHANGE}: the computed pivot differs from the previous state's (configured pivots
 *       never count). A change back restores it.</li>
 * </ul>
 * Severity comes from the triad's own history: the size of the move that caused the change against
 * the moves of the triad's dyads recorded before it.
 */
public final class TriadRules {
    /** The series of a triad's balance. */
    public static final String BALANCE_SERIES = "BALANCE";
    /** The series of a triad's pivot. */
    public static final String PIVOT_SERIES = "PIVOT";

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
     * @param open     the fingerprint's open episode, or null
     * @return the observation, or null when the state says nothing about this rule
     */
    public Observation observe(AlertRule rule, TriadState state, TriadSnapshot previous, TriadTimeline earlier, OpenEpisode open) {
        if (previous == null) {
            return null;
        }
        return switch (rule.type()) {
            case TRIAD_BALANCE_FLIP -> flip(rule, state, previous, earlier, open);
            case PIVOT_CHANGE -> pivot(rule, state, previous, earlier, open);
            default -> null;
        };
    }

    private Observation flip(AlertRule rule, TriadState state, TriadSnapshot previous, TriadTimeline earlier, OpenEpisode open) {
        String now = String.valueOf(state.balanced());
        boolean restores = open != null && now.equals(open.before());
        boolean flipped = state.balanced() != previous.balanced() && signed(previous.signClass()) && signed(state.signClass());
        if (!flipped) {
            return Observation.point(BALANCE_SERIES, key(state), null, false, restores, null);
        }
        String summary = String.format(Locale.ROOT, "%s %s structural balance (signs %s to %s, product %+.3f) when %s.",
                state.triad(), state.balanced() ? "regained" : "lost", previous.signClass(), state.signClass(),
                state.product(), moveClause(state));
        Finding finding = finding(rule, state, earlier, state.product(), summary);
        return Observation.point(BALANCE_SERIES, key(state), String.valueOf(previous.balanced()),
                finding.reaches(rule.minSeverity()), restores, finding);
    }

    private Observation pivot(AlertRule rule, TriadState state, TriadSnapshot previous, TriadTimeline earlier, OpenEpisode open) {
        if (state.pivotConfigured() || previous.pivotConfigured() || state.pivot() == null || previous.pivot() == null) {
            return null;
        }
        boolean restores = open != null && state.pivot().equals(open.before());
        if (state.pivot().equals(previous.pivot())) {
            return Observation.point(PIVOT_SERIES, key(state), null, false, restores, null);
        }
        String summary = String.format(Locale.ROOT, "The computed pivot of %s moved from %s to %s (asymmetry %.2f) when %s.",
                state.triad(), previous.pivot(), state.pivot(), state.pivotAsymmetry(), moveClause(state));
        Finding finding = finding(rule, state, earlier, state.pivotAsymmetry(), summary);
        return Observation.point(PIVOT_SERIES, key(state), previous.pivot(), finding.reaches(rule.minSeverity()), restores, finding);
    }

    private Finding finding(AlertRule rule, TriadState state, TriadTimeline earlier, double value, String headline) {
        TriadSnapshot current = TriadSnapshot.of(state);
        SeverityScale.Judgement judgement = scale.judge(state.triad(), Math.abs(current.lastMove()),
                MoveStats.ofMoves(earlier.moveSizes()), null, null);
        List<Alert.TriggeringEvent> events = state.lastEventId() == null ? List.of()
                : List.of(new Alert.TriggeringEvent(state.lastEventId(), null, state.asOf(), current.lastMove(),
                        state.lastDyad() == null ? null : String.format(Locale.ROOT, "moved %s by %+.2f", state.lastDyad(), current.lastMove())));
        String summary = headline + " Severity " + judgement.severity().label() + ": " + judgement.reason() + ".";
        return new Finding(rule.id(), rule.type(), state.triad(), value, null,
                Durations.iso(rule.window()), state.asOf(), judgement.severity(),
                judgement.reason(), summary, events, List.of(), List.of(), null);
    }

    /** @return true when the sign class has no neutral ({@code 0}) dyad */
    private static boolean signed(String signClass) {
        return signClass != null && !signClass.contains("0");
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
