package io.triadwatch.analyzer.dyad;

import java.time.Instant;

/**
 * Where one impulse takes a dyad's decayed sum. The dyad's sum is kept as of {@code asOf}, the
 * newest event time applied; the event's own move is measured at the event's own time, so that an
 * event applied out of order moves the dyad as much as it would have in event-time order.
 *
 * @param asOf      the dyad's {@code asOf} after the impulse: the later of the old one and the event's time
 * @param rawSum    the decayed sum as of {@code asOf}, the impulse included
 * @param rawBefore the decayed sum just before the impulse, at the event's time
 * @param rawAfter  the decayed sum just after it, at the event's time
 * @param exact     false when an out-of-order event could not be measured at its own time (the
 *                  history no longer held every later event); then {@code rawBefore} and
 *                  {@code rawAfter} are as of {@code asOf}
 */
public record EventTimeStep(Instant asOf, double rawSum, double rawBefore, double rawAfter, boolean exact) {
    /**
     * The step of an event at or after the dyad's {@code asOf}: the old sum decays to the event's time
     * and the impulse adds to it.
     *
     * @param oldRaw  the sum as of {@code oldAsOf} (0 for a new dyad)
     * @param oldAsOf the dyad's {@code asOf}, or null for a new dyad
     */
    public static EventTimeStep inOrder(double oldRaw, Instant oldAsOf, Instant at, double impulse, Decay decay) {
        double before = oldAsOf == null ? 0 : oldRaw * decay.factor(oldAsOf, at);
        return new EventTimeStep(at, before + impulse, before, before + impulse, true);
    }

    /**
     * The step of an event earlier than the dyad's {@code asOf}. The sum at the event's time is the
     * sum at {@code asOf} without the later impulses, carried back: {@code (rawSum − Σ later) × 2^((asOf − at)/h)}.
     *
     * @param laterAtAsOf the impulses of every event later than {@code at}, each decayed to {@code asOf}, summed;
     *                    null when they are not all known (then the move is measured at {@code asOf})
     */
    public static EventTimeStep outOfOrder(double oldRaw, Instant asOf, Instant at, double impulse, Double laterAtAsOf, Decay decay) {
        double rawSum = oldRaw + impulse * decay.factor(at, asOf);
        if (laterAtAsOf == null) {
            return new EventTimeStep(asOf, rawSum, oldRaw, rawSum, false);
        }
        double before = (oldRaw - laterAtAsOf) * decay.factor(asOf, at);
        return new EventTimeStep(asOf, rawSum, before, before + impulse, true);
    }
}
