package io.triadwatch.analyzer.dyad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The dyads' history points in {@code dyad-history-store}, in event-time order per dyad, bounded to
 * about {@code kept} points per dyad (the oldest go first).
 */
final class HistoryStore {
    private final KeyValueStore<String, HistoryPoint> store;
    private final long kept;

    /**
     * @param store the history store
     * @param kept  points a dyad keeps; it may hold up to 10% more between trims
     */
    HistoryStore(KeyValueStore<String, HistoryPoint> store, long kept) {
        this.store = store;
        this.kept = kept;
    }

    /** @return the dyad's points with {@code from <= at <= to}, in event-time order */
    List<HistoryPoint> between(String dyad, Instant from, Instant to) {
        List<HistoryPoint> points = new ArrayList<>();
        try (KeyValueIterator<String, HistoryPoint> it = store.range(HistoryKeys.from(dyad, from), HistoryKeys.to(dyad, to))) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        return points;
    }

    /** @return the dyad's points strictly after {@code at} and at or before {@code to}, in event-time order */
    List<HistoryPoint> after(String dyad, Instant at, Instant to) {
        List<HistoryPoint> points = between(dyad, at, to);
        points.removeIf(p -> !p.at().isAfter(at));
        return points;
    }

    /**
     * Whether the store still holds every point of the dyad later than {@code at}: nothing was ever
     * trimmed, or the oldest point kept is not later than {@code at} (trimming takes the oldest first).
     *
     * @param points     how many points the dyad has in the store
     * @param eventCount how many events the dyad has had (one point each)
     */
    boolean holdsAllAfter(String dyad, Instant at, long points, long eventCount) {
        if (points >= eventCount) {
            return true;
        }
        try (KeyValueIterator<String, HistoryPoint> it = store.range(HistoryKeys.from(dyad, null), HistoryKeys.to(dyad, null))) {
            return it.hasNext() && !it.next().value.at().isAfter(at);
        }
    }

    /** Replaces a point that is already stored (same dyad, time and event). */
    void replace(String dyad, HistoryPoint point) {
        store.put(HistoryKeys.key(dyad, point.at(), point.eventId()), point);
    }

    /**
     * Adds a new point and trims the dyad's oldest points once it holds 10% more than it keeps.
     *
     * @param points how many points the dyad held before
     * @return how many it holds now
     */
    long add(String dyad, HistoryPoint point, long points) {
        replace(dyad, point);
        long count = points + 1;
        // Trim in batches: deleting one oldest point per update opens an iterator at the head of the
        // dyad's range on every event, and each must skip the tombstones of all earlier deletes.
        if (count > kept + Math.max(1, kept / 10)) {
            List<String> oldest = new ArrayList<>();
            try (KeyValueIterator<String, HistoryPoint> it = store.range(HistoryKeys.from(dyad, null), HistoryKeys.to(dyad, null))) {
                while (it.hasNext() && oldest.size() < count - kept) {
                    oldest.add(it.next().key);
                }
            }
            oldest.forEach(store::delete);
            count -= oldest.size();
        }
        return count;
    }
}
