package io.triadwatch.adapters.gdelt;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers recently produced GDELT events by their {@link Key} and recognises re-emissions.
 * <p>
 * GDELT codes each article separately, so one real event reported by several articles, or picked
 * up again in a later 15-minute batch, comes back with a new GLOBALEVENTID. A row is a duplicate
 * when an earlier row with the same key was added (DATEADDED) no more than {@code window} before
 * it. Memory is bounded twice: keys older than the window (relative to the newest DATEADDED seen)
 * are dropped as rows arrive in DATEADDED order, and at most {@code capacity} keys are kept, the
 * oldest dropped first, so a duplicate of an evicted key passes as new.
 * Not thread-safe: one per run.
 */
final class GdeltDeduplicator {

    /**
     * What makes two rows the same event: same SQLDATE day, same ordered actor countries, same
     * full event code, same action geography (type, full name and feature id together: GDELT 1.0
     * uses feature id {@code 0} for many different country-level places).
     */
    record Key(String day, String actor1, String actor2, String cameo, String actionGeography) {
    }

    /** The first row seen with a key. */
    record Seen(String eventId, long line, Instant added) {
    }

    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<Key, Seen> seen;
    private Instant newest = Instant.MIN;

    GdeltDeduplicator(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
                return size() > GdeltDeduplicator.this.capacity;
            }
        };
    }

    /**
     * Checks a row and, when it is new, remembers it.
     *
     * @return the first row with the same key within the window, or empty when this row is new
     */
    Optional<Seen> check(Key key, String eventId, long line, Instant added) {
        if (added.isAfter(newest)) {
            newest = added;
            evictOlderThan(newest.minus(window));
        }
        Seen first = seen.get(key);
        if (first != null && !(Duration.between(first.added(), added).abs().compareTo(window) > 0)) {
            return Optional.of(first);
        }
        seen.remove(key);
        seen.put(key, new Seen(eventId, line, added));
        return Optional.empty();
    }

    /** @return keys currently remembered */
    int size() {
        return seen.size();
    }

    private void evictOlderThan(Instant limit) {
        Iterator<Seen> it = seen.values().iterator();
        while (it.hasNext()) {
            if (!it.next().added().isBefore(limit)) {
                return;
            }
            it.remove();
        }
    }
}
