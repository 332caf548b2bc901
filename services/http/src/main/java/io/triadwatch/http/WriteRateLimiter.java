package io.triadwatch.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (its remote address): each write takes a token; tokens come back at the
 * limit's rate up to its burst. Thread-safe. Memory is bounded: past {@value #MAX_CLIENTS} clients,
 * the buckets of idle clients (full again) are dropped, and if that is not enough, all of them.
 */
final class WriteRateLimiter {
    static final int MAX_CLIENTS = 10_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final HttpSecurity.RateLimit limit;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now, HttpSecurity.RateLimit limit) {
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / NANOS_PER_SECOND * limit.perSecond());
            refilledAt = now;
        }
    }

    /**
     * @param limit    rate and burst
     * @param nanoTime a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    WriteRateLimiter(HttpSecurity.RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token for one write of {@code client}.
     *
     * @return 0 when the write may go on, else the whole seconds (at least 1) until it may
     */
    long acquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= MAX_CLIENTS) {
            evictIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            bucket.refill(now, limit);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / limit.perSecond()));
        }
    }

    private void evictIdle(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, limit);
                return e.getValue().tokens >= limit.burst();
            }
        });
        if (buckets.size() >= MAX_CLIENTS) {
            buckets.clear();
        }
    }
}
