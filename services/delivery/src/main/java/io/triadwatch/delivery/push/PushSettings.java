package io.triadwatch.delivery.push;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Knobs shared by the pushers. Immutable; start from {@link #defaults()}.
 *
 * @param resendInterval how often the Alertmanager pusher re-sends every FIRING alert (Alertmanager
 *                       resolves an alert it has not heard of for {@code resolve_timeout}, 5 min by
 *                       default). Default 60 s
 * @param initialBackoff the pause before the first retry of a failed POST; it doubles with every
 *                       further failure. Default 1 s
 * @param maxBackoff     the longest pause between retries. Default 60 s
 * @param requestTimeout how long one POST may take (connect + answer). Default 10 s
 * @param maxQueued      the most records the webhook pusher holds while its target is down; past it
 *                       the oldest is dropped (and counted). Default {@value #DEFAULT_MAX_QUEUED}
 * @param headers        extra request headers, e.g. {@code Authorization}. Default none
 */
public record PushSettings(Duration resendInterval, Duration initialBackoff, Duration maxBackoff,
                           Duration requestTimeout, int maxQueued, Map<String, String> headers) {
    /** Default {@link #maxQueued()}. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;

    public PushSettings {
        requirePositive(resendInterval, "resendInterval");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(requestTimeout, "requestTimeout");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        if (maxBackoff.compareTo(initialBackoff) < 0 || maxQueued < 1) {
            throw new IllegalArgumentException("need maxBackoff ≥ initialBackoff and maxQueued ≥ 1");
        }
    }

    /** @return re-send every 60 s, back off from 1 s to 60 s, 10 s per request, queue 10 000 */
    public static PushSettings defaults() {
        return new PushSettings(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10), DEFAULT_MAX_QUEUED, Map.of());
    }

    /** @return these settings re-sending firing alerts every {@code interval} */
    public PushSettings withResendInterval(Duration interval) {
        return new PushSettings(interval, initialBackoff, maxBackoff, requestTimeout, maxQueued, headers);
    }

    /** @return these settings backing off from {@code initial} up to {@code max} */
    public PushSettings withBackoff(Duration initial, Duration max) {
        return new PushSettings(resendInterval, initial, max, requestTimeout, maxQueued, headers);
    }

    /** @return these settings with {@code timeout} per request */
    public PushSettings withRequestTimeout(Duration timeout) {
        return new PushSettings(resendInterval, initialBackoff, maxBackoff, timeout, maxQueued, headers);
    }

    /** @return these settings holding at most {@code records} undelivered webhook records */
    public PushSettings withMaxQueued(int records) {
        return new PushSettings(resendInterval, initialBackoff, maxBackoff, requestTimeout, records, headers);
    }

    /** @return these settings sending {@code extraHeaders} with every request */
    public PushSettings withHeaders(Map<String, String> extraHeaders) {
        return new PushSettings(resendInterval, initialBackoff, maxBackoff, requestTimeout, maxQueued, extraHeaders);
    }

    /**
     * @param failures how many attempts failed in a row (1 after the first failure)
     * @return the pause before the next attempt: {@code initialBackoff × 2^(failures−1)}, at most {@code maxBackoff}
     */
    public Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = initialBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
