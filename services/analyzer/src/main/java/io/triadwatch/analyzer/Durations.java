package io.triadwatch.analyzer;

import java.time.Duration;

/**
 * Forwards to {@link io.triadwatch.serde.Durations}, the one copy; kept only until its last callers
 * ({@code triad.TriadMath}, {@code intake.EventIntake}, owned by other work in progress) import that.
 *
 * @deprecated use {@link io.triadwatch.serde.Durations}
 */
@Deprecated
public final class Durations {
    private Durations() {
    }

    /** @return {@link io.triadwatch.serde.Durations#iso(Duration)} */
    public static String iso(Duration d) {
        return io.triadwatch.serde.Durations.iso(d);
    }
}
