package io.triadwatch.analyzer;

import java.time.Duration;

/** ISO-8601 text of durations as the contract writes them ({@code P90D}, not {@code PT2160H}). */
public final class Durations {
    private Durations() {
    }

    /** @return {@code P<n>D} for whole days, else {@link Duration#toString()} */
    public static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
