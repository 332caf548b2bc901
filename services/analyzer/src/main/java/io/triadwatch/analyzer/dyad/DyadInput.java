package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.order.Watermark;
import java.util.Objects;

/**
 * What reaches a dyad's partition (the {@code dyad-inputs} repartition topic, key = dyad id):
 * an impulse, a change in which triads watch the dyad, or (with event-time ordering on) an intake
 * task's {@link Watermark}, sent to every partition.
 *
 * @param dyad    the dyad id; null only for a watermark
 * @param impulse an impulse, or null
 * @param triad   for a membership change: the triad id, else null
 * @param watched for a membership change: true when the triad now watches the dyad, false when it stopped
 * @param mark    an intake task's watermark, or null
 */
public record DyadInput(String dyad, ImpulseInput impulse, String triad, Boolean watched, Watermark mark) {
    public DyadInput {
        if (mark != null) {
            if (impulse != null || triad != null) {
                throw new IllegalArgumentException("a watermark carries no impulse and no membership change");
            }
        } else {
            Objects.requireNonNull(dyad, "dyad");
            if ((impulse == null) == (triad == null)) {
                throw new IllegalArgumentException("a dyad input is either an impulse or a membership change");
            }
        }
    }

    /** An impulse or a membership change. */
    public DyadInput(String dyad, ImpulseInput impulse, String triad, Boolean watched) {
        this(dyad, impulse, triad, watched, null);
    }

    /** @return an intake task's watermark */
    public static DyadInput mark(Watermark mark) {
        return new DyadInput(null, null, null, null, Objects.requireNonNull(mark, "mark"));
    }

    /** @return an impulse input */
    public static DyadInput of(String dyad, ImpulseInput impulse) {
        return new DyadInput(dyad, impulse, null, null);
    }

    /** @return a membership change */
    public static DyadInput membership(String dyad, String triad, boolean watched) {
        return new DyadInput(dyad, null, triad, watched);
    }
}
