package io.triadwatch.serde;

import java.time.Duration;

/**
 * ISO-8601 text of durations the way the contract and the rules write them: {@code P90D} rather
 * than {@code PT2160H}. The one copy used by the analyzer (zero-sum windows, grace in DLQ details)
 * and the alerter (windows, holds in alert summaries).
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
}
