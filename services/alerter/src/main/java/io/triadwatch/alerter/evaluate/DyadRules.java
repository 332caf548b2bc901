package io.triadwatch.alerter.evaluate;

import io.triadwatch.serde.Durations;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import io.triadwatch.model.state.VotingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates the dyad rules ({@code DYAD_SHIFT}, {@code RANK_DROP}, {@code RANK_RISE},
 * {@code VOTE_SPLIT}) on one dyad. Pure: no store, no clock. Everything is judged at the event time
 * of the event behind the state, which may be earlier than states already seen: the analyzer can
 * apply events out of order, and re-states a visit's verdict when an earlier visit of its series
 * arrives late.
 * <ul>
 *   <li>{@code DYAD_SHIFT} is continuous, measured by {@link ShiftMeasure} over the rule's window
 *       (or the default window), counting only moves triggered by {@code triggerKinds} when set.</li>
 *   <li>{@code RANK_DROP}/{@code RANK_RISE} look at the state's {@link RankSignal} when the state comes
 *       from that visit: the direction must match and |gap| reach the threshold. A later visit of the
 *       same series that is not such a drop (rise), within the hysteresis, brings the series back in line.</li>
 *   <li>{@code VOTE_SPLIT} looks at the state's {@link VotingRecord} when the state comes from that
 *       vote: the pair disagreed on it although, before it, they agreed on at least the threshold
 *       share of at least {@code voteSplitMinVotes} shared votes. Their next agreement brings them back in line.</li>
 * </ul>
 * Severity comes from {@link SeverityScale}: the move against the dyad's own history of moves (the
 * analyzer's {@code DeltaBaseline}), raised by a rank gap against its occasion baseline, a record level
 * or a veto, and lowered to info for a transient move that undoes a single earlier one.
 */
public final class DyadRules {
    /** The series name of a pair's UN votes. */
    public static final String VOTES_SERIES = "UN_VOTES";
    /** Room for rounding between the bound and the measure, which add the same moves in another order. */
    private static final double BOUND_MARGIN = 1e-9;

    private final SeverityScale scale;
    private final Duration defaultWindow;
    private final int voteSplitMinVotes;

    /**
     * @param scale             the severity scale
     * @param defaultWindow     the window of shift rules without one
     * @param voteSplitMinVotes earlier shared votes a split needs
     */
    public DyadRules(SeverityScale scale, Duration defaultWindow, int voteSplitMinVotes) {
        this.scale = scale;
        this.defaultWindow = defaultWindow;
        this.voteSplitMinVotes = voteSplitMinVotes;
    }

    /** @return the window a rule measures over: its own, else the default */
    public Duration windowOf(AlertRule rule) {
        return rule.window() == null || rule.window().isZero() ? defaultWindow : rule.window();
    }

    /**
     * Evaluates a point rule ({@code RANK_DROP}, {@code RANK_RISE}, {@code VOTE_SPLIT}) on a state.
     *
     * @param rule    a dyad point rule
     * @param state   the state
     * @param history the dyad's moves, this state's included (for record levels)
     * @param open    the fingerprint's open episode, or null
     * @param at      the event time of the state's event
     * @return the observation, or null when the state says nothing about this rule
     */
    public Observation observePoint(AlertRule rule, DyadState state, DyadHistory history, OpenEpisode open, Instant at) {
        return switch (rule.type()) {
            case RANK_DROP -> rank(rule, state, open, "DROP", at);
            case RANK_RISE -> rank(rule, state, open, "RISE", at);
            case VOTE_SPLIT -> vote(rule, state, history, open, at);
            case DYAD_SHIFT, TRIAD_BALANCE_FLIP, PIVOT_CHANGE -> null;
        };
    }

    /**
     * Measures a {@code DYAD_SHIFT} rule at an event time from the history alone (also used when event
     * time passes a deadline without a new state).
     *
     * @param rule           a {@code DYAD_SHIFT} rule
     * @param dyad           the dyad
     * @param history        its moves
     * @param at             the end of the window
     * @param eventAppendedAt append time of the event being processed, or null
     * @return a continuous observation
     */
    public Observation shiftAt(AlertRule rule, String dyad, DyadHistory history, Instant at, Instant eventAppendedAt) {
        Duration window = windowOf(rule);
        ShiftMeasure.Shift shift = ShiftMeasure.measure(history.moves(), at, window, rule.triggerKinds());
        double threshold = thresholdOf(rule);
        boolean cleared = shift.counted().isEmpty() || shift.value() < threshold - hysteresisOf(rule);
        if (shift.counted().isEmpty()) {
            return Observation.continuous(false, true, null, null);
        }
        SeverityScale.Judgement judgement = judgeShift(rule, dyad, shift, history, window);
        List<Alert.TriggeringEvent> events = new ArrayList<>();
        for (int i = shift.counted().size() - 1; i >= 0; i--) {
            DyadMove m = shift.counted().get(i);
            events.add(new Alert.TriggeringEvent(m.eventId(), m.kind(), m.asOf(), m.impulse() == null ? m.delta() : m.impulse(), m.summary()));
        }
        String summary = String.format(Locale.ROOT, "%s moved %+.2f within %s up to %s (threshold %.2f)%s, through %s. Severity %s: %s.",
                dyad, shift.signed(), Durations.iso(window), day(at), threshold, kindsClause(rule), eventsClause(shift.counted()),
                judgement.severity().label(), judgement.reason());
        Instant occurredAt = shift.counted().get(shift.counted().size() - 1).asOf();
        Finding finding = new Finding(rule.id(), rule.type(), dyad, shift.value(), threshold, Durations.iso(window), occurredAt,
                judgement.severity(), judgement.reason(), summary, events, List.of(), List.of(), eventAppendedAt);
        boolean active = shift.value() >= threshold && shift.value() > 0 && finding.reaches(rule.minSeverity());
        return Observation.continuous(active, cleared, shift.nextChange(), finding);
    }

    /**
     * Whether evaluating {@code rule} on this state can find its condition met, by a cheap bound that
     * never says "cannot" when the full evaluation would: the alerter skips the rules a state cannot
     * trigger when no episode of theirs is open on the dyad (an inactive entry that observes an
     * inactive condition changes nothing, so the alerts are the same either way).
     * <ul>
     *   <li>{@code DYAD_SHIFT}: a state already seen is never re-measured; otherwise every window the
     *       processor measures (ending at the move's own time, or at the dyad's latest time when that
     *       window still holds the move) lies in {@code (at - window, latest]}, and no run of counted
     *       moves in it can sum to more than their absolute moves do. Below the threshold, the shift cannot
     *       be active.</li>
     *   <li>{@code RANK_DROP}/{@code RANK_RISE}: the state carries no rank signal of its own event.</li>
     *   <li>{@code VOTE_SPLIT}: the state carries no vote of its own event, or the pair agreed on it.</li>
     * </ul>
     *
     * @param rule    a dyad rule
     * @param state   the state
     * @param history the dyad's moves, this state's included
     * @param at      the event time of the state's event
     * @param seen    true when the history already held the state's event before it arrived
     * @return true when the rule's condition cannot be met on this state; false when it may be
     */
    public boolean cannotTrigger(AlertRule rule, DyadState state, DyadHistory history, Instant at, boolean seen) {
        return switch (rule.type()) {
            case DYAD_SHIFT -> seen || shiftBound(rule, history, at) + BOUND_MARGIN < thresholdOf(rule);
            case RANK_DROP, RANK_RISE -> ownRankSignal(state) == null;
            case VOTE_SPLIT -> {
                VotingRecord vote = ownVote(state);
                yield vote == null || vote.agreedLast();
            }
            case TRIAD_BALANCE_FLIP, PIVOT_CHANGE -> true;
        };
    }

    /** The sum of the absolute counted moves in {@code (at - window, latest]}: no measured shift exceeds it. */
    private double shiftBound(AlertRule rule, DyadHistory history, Instant at) {
        DyadMove latest = history.latest();
        Instant to = latest == null || latest.asOf().isBefore(at) ? at : latest.asOf();
        Instant from = at.minus(windowOf(rule));
        double bound = 0;
        for (DyadMove m : history.moves()) {
            if (m.asOf().isAfter(from) && !m.asOf().isAfter(to) && m.triggeredBy(rule.triggerKinds())) {
                bound += Math.abs(m.delta());
            }
        }
        return bound;
    }

    /** @return the state's rank signal when it comes from the state's own event and has a gap, else null */
    private static RankSignal ownRankSignal(DyadState state) {
        RankSignal signal = state.rankSignal();
        return signal == null || signal.gap() == null || !signal.eventId().equals(state.lastEventId()) ? null : signal;
    }

    /** @return the state's voting record when its last vote is the state's own event, else null */
    private static VotingRecord ownVote(DyadState state) {
        VotingRecord voting = state.voting();
        return voting == null || voting.agreedLast() == null || voting.lastEventId() == null
                || !voting.lastEventId().equals(state.lastEventId()) ? null : voting;
    }

    private SeverityScale.Judgement judgeShift(AlertRule rule, String dyad, ShiftMeasure.Shift shift, DyadHistory history, Duration window) {
        DyadMove last = shift.counted().get(shift.counted().size() - 1);
        MoveStats earlier = last.earlier() == null ? null
                : new MoveStats(last.earlier().count(), last.earlier().mean(), last.earlier().stddev(), history.recent());
        SeverityScale.Evidence evidence = shift.counted().size() == 1
                ? SeverityScale.Evidence.move(dyad, Math.abs(last.delta()), earlier, last.zScore(), last.percentile())
                : SeverityScale.Evidence.move(dyad, shift.value(), earlier, null, null);
        return scale.judge(evidence.withRecord(MoveReadings.recordLevel(dyad, history, last, scale.minHistory()))
                .withVeto(MoveReadings.veto(shift.counted()))
                .withTransient(shift.counted().size() == 1 ? MoveReadings.undoes(history, last, window, rule.triggerKinds()) : null));
    }

    private Observation rank(AlertRule rule, DyadState state, OpenEpisode open, String wanted, Instant at) {
        RankSignal signal = ownRankSignal(state);
        if (signal == null) {
            return null;
        }
        double gap = signal.gap();
        double value = Math.abs(gap);
        boolean direction = wanted.equals(signal.direction()) && ("DROP".equals(wanted) ? gap < 0 : gap > 0);
        double threshold = thresholdOf(rule);
        boolean backInLine = open != null && signal.series().equals(open.series())
                && !(direction && value >= threshold - hysteresisOf(rule));
        if (!direction) {
            return Observation.point(signal.series(), signal.eventId(), null, false, backInLine, null);
        }
        SeverityScale.Judgement judgement = scale.judge(lastMove(state).withRankGap(gap, baselineText(signal)));
        Contribution visit = contributionOf(state, signal.eventId());
        List<Alert.TriggeringEvent> events = List.of(new Alert.TriggeringEvent(signal.eventId(), EventKind.DELEGATION_VISIT,
                at, visit == null ? state.delta() : visit.impulse(), visit == null ? null : visit.summary()));
        String summary = rankSummary(signal, wanted, threshold) + " Severity " + judgement.severity().label() + ": " + judgement.reason() + ".";
        Finding finding = new Finding(rule.id(), rule.type(), state.dyad(), value, threshold, windowText(rule), at,
                judgement.severity(), judgement.reason(), summary, events, signal.baselineVisits(), List.of(), state.eventAppendedAt());
        boolean qualifies = value >= threshold && finding.reaches(rule.minSeverity());
        return Observation.point(signal.series(), signal.eventId(), null, qualifies, backInLine, finding);
    }

    private Observation vote(AlertRule rule, DyadState state, DyadHistory history, OpenEpisode open, Instant at) {
        VotingRecord voting = ownVote(state);
        if (voting == null) {
            return null;
        }
        String key = voting.lastDraft() != null ? voting.lastDraft() : voting.lastEventId();
        boolean agreed = voting.agreedLast();
        boolean backInLine = open != null && agreed;
        int priorTotal = voting.total() - 1;
        int priorTogether = voting.together() - (agreed ? 1 : 0);
        if (agreed || priorTotal < voteSplitMinVotes) {
            return Observation.point(VOTES_SERIES, key, null, false, backInLine, null);
        }
        double rate = (double) priorTogether / priorTotal;
        double threshold = thresholdOf(rule);
        DyadMove move = history.moves().stream().filter(m -> m.eventId().equals(state.lastEventId())).findFirst().orElse(null);
        SeverityScale.Judgement judgement = scale.judge(lastMove(state)
                .withRecord(move == null ? null : MoveReadings.recordLevel(state.dyad(), history, move, scale.minHistory())));
        Contribution vote = contributionOf(state, voting.lastEventId());
        List<Alert.TriggeringEvent> events = List.of(new Alert.TriggeringEvent(voting.lastEventId(), EventKind.UN_VOTE,
                at, vote == null ? state.delta() : vote.impulse(), vote == null ? null : vote.summary()));
        String summary = String.format(Locale.ROOT,
                "%s split on %s after voting together on %d of their %d earlier shared drafts (%.0f%%, threshold %.0f%%). Severity %s: %s.",
                state.dyad(), key, priorTogether, priorTotal, rate * 100, threshold * 100, judgement.severity().label(), judgement.reason());
        Finding finding = new Finding(rule.id(), rule.type(), state.dyad(), rate, threshold, windowText(rule), at,
                judgement.severity(), judgement.reason(), summary, events, List.of(), List.of(), state.eventAppendedAt());
        boolean qualifies = rate >= threshold && finding.reaches(rule.minSeverity());
        return Observation.point(VOTES_SERIES, key, null, qualifies, backInLine, finding);
    }

    private static SeverityScale.Evidence lastMove(DyadState state) {
        return SeverityScale.Evidence.move(state.dyad(), Math.abs(state.delta()), MoveStats.of(state.baseline()),
                state.baseline() == null ? null : state.baseline().zScore(),
                state.baseline() == null ? null : state.baseline().percentile());
    }

    private static String baselineText(RankSignal s) {
        if (s.baselineWeight() == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.3f against %.3f, the mean of %d earlier visit%s", s.weight(), s.baselineWeight(),
                s.baselineVisits().size(), s.baselineVisits().size() == 1 ? "" : "s");
    }

    private static Contribution contributionOf(DyadState state, String eventId) {
        return state.contributions().stream().filter(c -> c.eventId().equals(eventId)).findFirst().orElse(null);
    }

    private static String rankSummary(RankSignal s, String wanted, double threshold) {
        String[] series = s.series().split(":", 3);
        String host = series.length == 3 ? series[0] : "?";
        String guest = series.length == 3 ? series[1] : "?";
        String occasion = series.length == 3 ? series[2] : s.series();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s hosted a %s-ranked %s delegation for %s: %s (%s, weight %.2f) against a baseline weight of %.2f from %d earlier visit%s",
                host, "DROP".equals(wanted) ? "lower" : "higher", guest, occasion, s.head(),
                s.rankLabel() == null ? "rank unknown" : s.rankLabel(), s.weight(),
                s.baselineWeight() == null ? 0.0 : s.baselineWeight(), s.baselineVisits().size(), s.baselineVisits().size() == 1 ? "" : "s"));
        if (!s.baselineVisits().isEmpty()) {
            text.append(" (");
            for (int i = 0; i < s.baselineVisits().size(); i++) {
                var v = s.baselineVisits().get(i);
                text.append(i == 0 ? "" : "; ").append(v.head()).append(", ").append(day(v.occurredAt()))
                        .append(v.rankLabel() == null ? "" : ", " + v.rankLabel());
            }
            text.append(')');
        }
        return text.append(String.format(Locale.ROOT, "; gap %+.2f, threshold %.2f.", s.gap(), threshold)).toString();
    }

    private static String kindsClause(AlertRule rule) {
        return rule.triggerKinds().isEmpty() ? "" : " counting moves triggered by " + String.join(", ", rule.triggerKinds());
    }

    private static String eventsClause(List<DyadMove> counted) {
        List<String> parts = new ArrayList<>();
        for (int i = counted.size() - 1; i >= 0; i--) {
            DyadMove m = counted.get(i);
            parts.add(String.format(Locale.ROOT, "%s (%s, %+.2f)", m.eventId(), m.trigger(), m.delta()));
        }
        return parts.size() == 1 ? "the event " + parts.get(0) : parts.size() + " events " + String.join(", ", parts);
    }

    static String day(Instant at) {
        return at.toString().substring(0, 10);
    }

    static double thresholdOf(AlertRule rule) {
        return rule.threshold() == null ? 0 : rule.threshold();
    }

    static double hysteresisOf(AlertRule rule) {
        return rule.hysteresis() == null ? 0 : rule.hysteresis();
    }

    private static String windowText(AlertRule rule) {
        return Durations.iso(rule.window());
    }
}
