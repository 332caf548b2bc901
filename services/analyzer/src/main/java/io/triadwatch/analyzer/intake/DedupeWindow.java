package io.triadwatch.analyzer.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The intake's memory of applied event ids, bounded by the grace period: {@code event id → event
 * time} in one partition's dedupe store, with the entries no event can need any more swept away.
 * <p>
 * Why an entry can go: the intake checks an id against this store first and the grace period
 * second. An entry whose event time is more than the grace period behind the partition's watermark
 * ({@code eventTime < watermark − grace}) can only be matched by a record with that event time,
 * which the grace check refuses as {@code LATE} anyway; the watermark never goes back, so that stays
 * true. Purging such an entry therefore changes no outcome: a duplicate inside the grace period is
 * still dropped, an older one goes to the DLQ as {@code LATE}, and none is applied twice. (A record
 * that reuses an expired id with a <em>newer</em> event time is a different event to this store,
 * as it would be to any bounded one.)
 * <p>
 * How: {@link #sweep(Long)} runs on the stream thread (a wall-clock punctuation of the intake every
 * {@link #SWEEP_INTERVAL}); each run visits at most {@link #SWEEP_BUDGET} entries in key order from
 * where the last one stopped, wrapping around at the end, and deletes the expired ones. No second
 * index and no extra write per event: the store holds the ids of the grace period plus what arrived
 * during one full sweep. The deletes go through the changelogged store and commit with the task, so
 * under {@code exactly_once_v2} a restore sees the same bounded store.
 * <p>
 * Not thread-safe except {@link #entries()}, which any thread may read.
 */
public final class DedupeWindow {
    /** How often the intake sweeps. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** The most entries one sweep visits, so a sweep stays far inside a poll interval. */
    public static final int SWEEP_BUDGET = 10_000;

    private final KeyValueStore<String, Long> store;
    private final long graceMillis;
    private final int budget;
    private final AtomicLong entries = new AtomicLong();
    private String cursor;

    /**
     * @param store  the partition's dedupe store (event id → event time, epoch ms)
     * @param grace  the analyzer's grace period, not negative
     * @param budget the most entries one {@link #sweep} visits, at least 1
     */
    public DedupeWindow(KeyValueStore<String, Long> store, Duration grace, int budget) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1: " + budget);
        }
        this.store = store;
        this.graceMillis = grace.toMillis();
        this.budget = budget;
        this.entries.set(store.approximateNumEntries());
    }

    /** @return true when {@code eventId} was applied and its entry is still kept */
    public boolean seen(String eventId) {
        return store.get(eventId) != null;
    }

    /** Remembers an applied event. */
    public void remember(String eventId, long eventMillis) {
        store.put(eventId, eventMillis);
    }

    /**
     * Deletes the visited entries whose event time is more than the grace period behind
     * {@code watermark}, and refreshes {@link #entries()}.
     *
     * @param watermark the partition's watermark (epoch ms), null before its first event
     * @return how many entries were deleted
     */
    public int sweep(Long watermark) {
        if (watermark == null) {
            return 0;
        }
        long expiredBefore = watermark - graceMillis;
        List<String> expired = new ArrayList<>();
        int visited = 0;
        String last = null;
        try (KeyValueIterator<String, Long> it = cursor == null ? store.all() : store.range(cursor, null)) {
            while (visited < budget && it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                visited++;
                last = entry.key;
                if (entry.value != null && entry.value < expiredBefore) {
                    expired.add(entry.key);
                }
            }
            // Continue after the last key visited, or start over once the end was reached.
            cursor = visited == budget && it.hasNext() ? last + '\0' : null;
        }
        // Deleted after the iterator is closed: the store is not modified under an open iterator.
        expired.forEach(store::delete);
        entries.set(store.approximateNumEntries());
        return expired.size();
    }

    /** @return the store's entries as RocksDB estimates them ({@code estimate-num-keys}), as of the last sweep */
    public long entries() {
        return entries.get();
    }
}
