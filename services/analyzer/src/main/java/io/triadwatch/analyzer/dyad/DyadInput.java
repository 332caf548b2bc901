package io.triadwatch.analyzer.dyad;

import java.util.Objects;

/**
 * What reaches a dyad's partition (the {@code dyad-inputs} repartition topic, key = dyad id):
 * an impulse, or a change in which triads watch the dyad.
 *
 * @param dyad    the dyad id
 * @param impulse an impulse, or null
 * @param triad   for a membership change: the triad id, else null
 * @param watched for a membership change: true when the triad now watches the dyad, false when it stopped
 */
public record DyadInput(String dyad, ImpulseInput impulse, String triad, Boolean watched) {
    public DyadInput {
        Objects.requireNonNull(dyad, "dyad");
        if ((impulse == null) == (triad == null)) {
            throw new IllegalArgumentException("a dyad input is either an impulse or a membership change");
        }
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
