package io.triadwatch.serde;

import java.time.Duration;
import java.util.Objects;

/**
 * ISO-8601 text of durations the way the contract and the rules write them: {@code P90D} rather
 * than {@code PT2160H}. The one copy used by the analyzer (zero-sum windows, grace in DLQ details)
 * and the alerter (windows, holds in alert summaries); also the one check that a configured duration
 * is positive.
 */
public final class Durations {
    private static final long DAY_SECONDS = 86_400;

    private Durations() {
    }

    /**
     * @return {@code P<n>D} for a whole number of days (zero is {@code P0D}), anything else as
     *         {@link Duration#toString()}; null stays null
     */
    public static String iso(Duration d) {
        if (d == null) {
            return null;
        }
        return d.getNano() == 0 && d.getSeconds() % DAY_SECONDS == 0 ? "P" + d.getSeconds() / DAY_SECONDS + "D" : d.toString();
    }

    /**
     * @return {@code d}, checked for the constructors of configuration records
     * @throws NullPointerException     when {@code d} is null, naming {@code name}
     * @throws IllegalArgumentException when {@code d} is zero or negative
     */
    public static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
