package io.triadwatch.alerter.evaluate;

import io.triadwatch.serde.Durations;
import io.triadwatch.model.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a dyad's kept moves say about one move, beyond its size: whether it reaches a record level,
 * comes from a veto, or undoes an earlier move (transient). Pure; the inputs of
 * {@link SeverityScale.Evidence}.
 */
public final class MoveReadings {
    /**
     * The impulse of a veto's stance on a Security Council draft (docs/analytic-model.md §1.1): no
     * other single vote reaches it (a no is 4, a pair agreement adds at most 1).
     */
    static final double VETO_IMPULSE = 6.0;
    /** A move undoes an earlier one when at most this share of the earlier one is left after both. */
    static final double UNDONE_SHARE = 0.5;

    private MoveReadings() {
    }

    /**
     * @param dyad       the dyad, for the wording
     * @param history    its kept moves
     * @param move       the move (its score is the level it reached)
     * @param minHistory earlier moves needed to speak of a record at all
     * @return "a record high/low …" when the move takes the score beyond every earlier kept score in its
     *         own direction, else null
     */
    public static String recordLevel(String dyad, DyadHistory history, DyadMove move, int minHistory) {
        List<DyadMove> earlier = history.moves().stream()
                .filter(m -> m.asOf().isBefore(move.asOf()) && !m.eventId().equals(move.eventId())).toList();
        if (earlier.size() < minHistory || move.delta() == 0) {
            return null;
        }
        double max = earlier.stream().mapToDouble(DyadMove::score).max().orElseThrow();
        double min = earlier.stream().mapToDouble(DyadMove::score).min().orElseThrow();
        boolean high = move.delta() > 0 && move.score() > max;
        boolean low = move.delta() < 0 && move.score() < min;
        if (!high && !low) {
            return null;
        }
        return String.format(Locale.ROOT, "a record %s for %s: %+.2f, %s every score of its %d earlier kept moves since %s (%s %+.2f)",
                high ? "high" : "low", dyad, move.score(), high ? "above" : "below", earlier.size(),
                DyadRules.day(earlier.get(0).asOf()), high ? "highest" : "lowest", high ? max : min);
    }

    /** @return "a veto …" when one of the moves comes from a veto, else null */
    public static String veto(List<DyadMove> moves) {
        for (DyadMove m : moves) {
            if (m.kind() == EventKind.UN_VOTE && m.impulse() != null && Math.abs(m.impulse()) >= VETO_IMPULSE - 1e-9) {
                return String.format(Locale.ROOT, "a veto: %s gave an impulse of %+.1f, a veto's stance (only a veto reaches ±%.0f)",
                        m.eventId(), m.impulse(), VETO_IMPULSE);
            }
        }
        return null;
    }

    /**
     * A transient move: it undoes (opposite sign, leaving at most half) the dyad's previous counted move
     * within the window. The previous move was then a single-event spike that reverted, and neither
     * says the relationship changed (the seed article's second trap).
     *
     * @param history      the dyad's kept moves
     * @param move         the move
     * @param window       the rule's window
     * @param triggerKinds the kinds that count for the rule, empty for all
     * @return why the move is transient, else null
     */
    public static String undoes(DyadHistory history, DyadMove move, Duration window, List<String> triggerKinds) {
        Instant from = move.asOf().minus(window);
        DyadMove previous = null;
        for (DyadMove m : history.moves()) {
            if (m.asOf().isAfter(from) && m.asOf().isBefore(move.asOf()) && !m.eventId().equals(move.eventId())
                    && m.triggeredBy(triggerKinds)) {
                previous = m;
            }
        }
        if (previous == null || Math.signum(previous.delta()) != -Math.signum(move.delta()) || previous.delta() == 0) {
            return null;
        }
        double net = previous.delta() + move.delta();
        if (Math.abs(net) > UNDONE_SHARE * Math.abs(previous.delta())) {
            return null;
        }
        return String.format(Locale.ROOT, "%s (%+.2f) undoes %s of %s (%+.2f) within %s, a net move of %+.2f",
                move.eventId(), move.delta(), previous.eventId(), DyadRules.day(previous.asOf()), previous.delta(),
                Durations.iso(window), net);
    }
}
