package io.triadwatch.delivery.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the {@link AlertApi}. Immutable; start from {@link #defaults()}.
 *
 * @param maxStreams   the most SSE streams open at once; one more gets 503. Default {@value #DEFAULT_MAX_STREAMS}
 * @param heartbeat    how long a stream may stay silent before it gets a comment line
 *                     ({@code : heartbeat}), which keeps proxies from closing it and lets the server
 *                     notice a client that went away. Default 15 s
 * @param defaultLimit page size of {@code GET /api/alerts} without {@code limit}. Default {@value #DEFAULT_LIMIT}
 * @param maxLimit     the largest {@code limit} accepted. Default {@value #MAX_LIMIT}
 */
public record AlertApiSettings(int maxStreams, Duration heartbeat, int defaultLimit, int maxLimit) {
    /** Default {@link #maxStreams()}. */
    public static final int DEFAULT_MAX_STREAMS = 64;
    /** Default {@link #defaultLimit()}. */
    public static final int DEFAULT_LIMIT = 50;
    /** Default {@link #maxLimit()}. */
    public static final int MAX_LIMIT = 500;

    public AlertApiSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (maxStreams < 1 || heartbeat.isNegative() || heartbeat.isZero() || defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("need maxStreams ≥ 1, heartbeat > 0 and 1 ≤ defaultLimit ≤ maxLimit");
        }
    }

    /** @return 64 streams, a 15 s heartbeat, pages of 50 (at most 500) */
    public static AlertApiSettings defaults() {
        return new AlertApiSettings(DEFAULT_MAX_STREAMS, Duration.ofSeconds(15), DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** @return these settings with at most {@code streams} concurrent streams */
    public AlertApiSettings withMaxStreams(int streams) {
        return new AlertApiSettings(streams, heartbeat, defaultLimit, maxLimit);
    }

    /** @return these settings with heartbeat period {@code period} */
    public AlertApiSettings withHeartbeat(Duration period) {
        return new AlertApiSettings(maxStreams, period, defaultLimit, maxLimit);
    }
}
