package io.triadwatch.alerter;

import java.time.Duration;

/** ISO-8601 text of durations the way rules write them: {@code P90D} rather than {@code PT2160H}. */
public final class Durations {
    private static final long DAY_SECONDS = 86_400;

    private Durations() {
    }

    /** @return whole days as {@code PnD}, anything else as {@link Duration#toString()}; null stays null */
    public static String iso(Duration d) {
        if (d == null) {
            return null;
        }
        if (!d.isZero() && d.getNano() == 0 && d.getSeconds() % DAY_SECONDS == 0) {
            return "P" + d.getSeconds() / DAY_SECONDS + "D";
        }
        return d.toString();
    }
}
