package io.triadwatch.alerter.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a dyad moved within a window ending at a given event time. The measure is the largest
 * |sum| of the latest run of moves inside the window: "the score has moved by at least θ within the
 * window, up to now". Moves are the analyzer's {@code delta}s, so decay between events does not count
 * as a move. A rule limited to trigger kinds counts only the moves those kinds triggered.
 * <p>
 * Without new moves the measure can only fall as the window slides: {@link Shift#nextChange()} is
 * when the oldest counted move leaves it.
 */
public final class ShiftMeasure {
    private ShiftMeasure() {
    }

    /**
     * Measures the shift.
     *
     * @param moves        the dyad's moves, oldest first
     * @param at           the end of the window (inclusive)
     * @param window       its length; the window is {@code (at - window, at]}
     * @param triggerKinds the kinds that count, empty for all
     * @return the shift; value 0 with no counted moves when nothing moved in the window
     */
    public static Shift measure(List<DyadMove> moves, Instant at, Duration window, List<String> triggerKinds) {
        Instant from = at.minus(window);
        List<DyadMove> inWindow = new ArrayList<>();
        for (DyadMove m : moves) {
            if (m.asOf().isAfter(from) && !m.asOf().isAfter(at) && m.triggeredBy(triggerKinds)) {
                inWindow.add(m);
            }
        }
        double sum = 0;
        double best = 0;
        double bestSigned = 0;
        int bestStart = inWindow.size();
        for (int i = inWindow.size() - 1; i >= 0; i--) {
            sum += inWindow.get(i).delta();
            if (Math.abs(sum) > best) {
                best = Math.abs(sum);
                bestSigned = sum;
                bestStart = i;
            }
        }
        Instant nextChange = inWindow.isEmpty() ? null : inWindow.get(0).asOf().plus(window);
        return new Shift(best, bestSigned, List.copyOf(inWindow.subList(bestStart, inWindow.size())), nextChange);
    }

    /**
     * A measured shift.
     *
     * @param value      |signed|
     * @param signed     the sum of the counted moves
     * @param counted    the moves that make it, oldest first
     * @param nextChange when the measure can next change without a new move, or null
     */
    public record Shift(double value, double signed, List<DyadMove> counted, Instant nextChange) {
    }
}
