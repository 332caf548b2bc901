package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.ChannelSums;
import java.time.Instant;

/**
 * Where one impulse takes a dyad's decayed sums. The dyad's sums are kept as of {@code asOf}, the
 * newest event time applied; the event's own move is measured at the event's own time, so that an
 * event applied out of order moves the dyad as much as it would have in event-time order. Every
 * channel is a decayed sum, so each step is the same linear algebra on the whole vector.
 *
 * @param asOf   the dyad's {@code asOf} after the impulse: the later of the old one and the event's time
 * @param sums   the decayed sums as of {@code asOf}, the impulse included
 * @param before the decayed sums just before the impulse, at the event's time
 * @param after  the decayed sums just after it, at the event's time
 * @param exact  false when an out-of-order event could not be measured at its own time (the
 *               history no longer held every later event); then {@code before} and {@code after}
 *               are as of {@code asOf}
 */
public record EventTimeStep(Instant asOf, ChannelSums sums, ChannelSums before, ChannelSums after, boolean exact) {
    /**
     * The step of an event at or after the dyad's {@code asOf}: the old sums decay to the event's
     * time and the impulse adds to them.
     *
     * @param old     the sums as of {@code oldAsOf} ({@link ChannelSums#ZERO} for a new dyad)
     * @param oldAsOf the dyad's {@code asOf}, or null for a new dyad
     */
    public static EventTimeStep inOrder(ChannelSums old, Instant oldAsOf, Instant at, ChannelSums impulse, Decay decay) {
        ChannelSums before = oldAsOf == null ? ChannelSums.ZERO : old.times(decay.factor(oldAsOf, at));
        ChannelSums after = before.plus(impulse);
        return new EventTimeStep(at, after, before, after, true);
    }

    /**
     * The step of an event earlier than the dyad's {@code asOf}. The sums at the event's time are the
     * sums at {@code asOf} without the later impulses, carried back: {@code (sums − Σ later) × 2^((asOf − at)/h)}.
     *
     * @param laterAtAsOf the impulses of every event later than {@code at}, each decayed to {@code asOf}, summed;
     *                    null when they are not all known (then the move is measured at {@code asOf})
     */
    public static EventTimeStep outOfOrder(ChannelSums old, Instant asOf, Instant at, ChannelSums impulse, ChannelSums laterAtAsOf, Decay decay) {
        ChannelSums sums = old.plus(impulse.times(decay.factor(at, asOf)));
        if (laterAtAsOf == null) {
            return new EventTimeStep(asOf, sums, old, sums, false);
        }
        ChannelSums before = old.minus(laterAtAsOf).times(decay.factor(asOf, at));
        return new EventTimeStep(asOf, sums, before, before.plus(impulse), true);
    }
}
