package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One move of a dyad's score, as the alerter remembers it: the event behind it, the move itself
 * (decay excluded: {@code score - previousScore} of the state it came from) and how the dyad's
 * history judged it.
 *
 * @param eventId    the event that moved the dyad
 * @param kind       its kind
 * @param trigger    what the analyzer says triggered it: the kind, or {@code RANK_DROP}/{@code RANK_RISE}
 * @param asOf       event time of the event (the state's {@code lastEventAt}; for states written without it,
 *                   its contribution's {@code occurredAt}, else the state's {@code asOf}): the analyzer may
 *                   apply events out of order, and measures their move at their own time
 * @param score      the score after the move
 * @param delta      the move
 * @param impulse    the signed impulse the event gave the dyad, or null when not reported
 * @param summary    the event's summary, or null
 * @param earlier    the dyad's moves before this one (without the recent list), or null
 * @param zScore     the analyzer's z-score of this move, or null
 * @param percentile the analyzer's percentile of this move, or null
 */
public record DyadMove(String eventId, EventKind kind, String trigger, Instant asOf, double score, double delta,
                       Double impulse, String summary, MoveStats earlier, Double zScore, Double percentile) {
    public DyadMove {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** @return the move a dyad state reports, dated by its event's own time */
    public static DyadMove of(DyadState state) {
        Contribution own = state.contributions().stream()
                .filter(c -> c.eventId().equals(state.lastEventId()))
                .findFirst().orElse(null);
        DeltaBaseline baseline = state.baseline();
        MoveStats earlier = baseline == null ? null : new MoveStats(baseline.count(), baseline.mean(), baseline.stddev(), List.of());
        EventKind kind = state.lastEventKind() != null ? state.lastEventKind() : own == null ? null : own.kind();
        String trigger = state.lastTrigger() != null ? state.lastTrigger() : kind == null ? null : kind.name();
        Instant at = state.lastEventAt() != null ? state.lastEventAt() : own != null ? own.occurredAt() : state.asOf();
        return new DyadMove(state.lastEventId(), kind, trigger, at, state.score(), state.delta(),
                own == null ? null : own.impulse(), own == null ? null : own.summary(), earlier,
                baseline == null ? null : baseline.zScore(), baseline == null ? null : baseline.percentile());
    }

    /**
     * Whether this move counts for a rule limited to {@code triggerKinds}: any move when the list is
     * empty, else a move whose trigger (e.g. {@code RANK_DROP}) or event kind (e.g. {@code UN_VOTE}) is listed.
     */
    public boolean triggeredBy(List<String> triggerKinds) {
        return triggerKinds.isEmpty()
                || (trigger != null && triggerKinds.contains(trigger))
                || (kind != null && triggerKinds.contains(kind.name()));
    }
}
