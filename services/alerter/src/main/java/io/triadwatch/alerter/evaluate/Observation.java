package io.triadwatch.alerter.evaluate;

import java.time.Instant;
import java.util.Objects;

/**
 * What evaluating one rule on one subject at one event time says, for the lifecycle to act on.
 * <p>
 * A {@link Kind#CONTINUOUS} observation ({@code DYAD_SHIFT}) measures a condition that holds over
 * time: {@link #active()} when the value reaches the threshold (and the severity reaches the rule's
 * minimum), {@link #cleared()} when it falls below threshold minus hysteresis; in between the
 * lifecycle keeps what it has. A {@link Kind#POINT} observation (rank, vote, flip, pivot) is about
 * one event: {@link #active()} when that event qualifies, {@link #cleared()} when it shows the open
 * episode's series back in line.
 *
 * @param kind       continuous or point
 * @param active     the condition holds / the event qualifies
 * @param cleared    the condition is clear / the open episode's series is back in line
 * @param series     point: what series the event belongs to (e.g. {@code PRK:CHN:PRK_VICTORY_DAY})
 * @param eventKey   point: the event (a second observation of it is a duplicate)
 * @param before     point: the value before the event (a flip back to it restores the series)
 * @param nextChange continuous: when the value can next change without a new event, or null
 * @param finding    what was found, or null when there is nothing to report
 */
public record Observation(Kind kind, boolean active, boolean cleared, String series, String eventKey, String before,
                          Instant nextChange, Finding finding) {

    /** Continuous or point. */
    public enum Kind { CONTINUOUS, POINT }

    public Observation {
        Objects.requireNonNull(kind, "kind");
        if (active && finding == null) {
            throw new IllegalArgumentException("an active observation needs a finding");
        }
        if (kind == Kind.POINT && active && eventKey == null) {
            throw new IllegalArgumentException("an active point observation needs an event key");
        }
    }

    /** @return this observation with another finding */
    public Observation withFinding(Finding value) {
        return new Observation(kind, active, cleared, series, eventKey, before, nextChange, value);
    }

    /** @return a continuous observation */
    public static Observation continuous(boolean active, boolean cleared, Instant nextChange, Finding finding) {
        return new Observation(Kind.CONTINUOUS, active, cleared, null, null, null, nextChange, finding);
    }

    /** @return a point observation */
    public static Observation point(String series, String eventKey, String before, boolean qualifies, boolean restores,
                                    Finding finding) {
        return new Observation(Kind.POINT, qualifies, restores, series, eventKey, before, null, finding);
    }
}
