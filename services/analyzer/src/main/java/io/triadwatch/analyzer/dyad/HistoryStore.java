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

    /**
     * @param limit read at most this many points plus one, so that a caller can tell "more than limit"
     * @return the dyad's points strictly after {@code at} and at or before {@code to}, in event-time order
     */
    List<HistoryPoint> after(String dyad, Instant at, Instant to, int limit) {
        List<HistoryPoint> points = new ArrayList<>();
        try (KeyValueIterator<String, HistoryPoint> it = store.range(HistoryKeys.from(dyad, at), HistoryKeys.to(dyad, to))) {
            while (it.hasNext() && points.size() <= limit) {
                HistoryPoint p = it.next().value;
                if (p.at().isAfter(at)) {
                    points.add(p);
                }
            }
        }
        return points;
    }

    /**
     * What the store holds of one dyad: how many points, and the latest event time of any point
     * trimmed away (null when none was). Trimming takes the oldest first, so every point later
     * than {@code trimmedThrough} is still there.
     */
    record Extent(long points, Instant trimmedThrough) {
        /** @return whether every point later than {@code at} is still in the store */
        boolean holdsAllAfter(Instant at) {
            return trimmedThrough == null || !at.isBefore(trimmedThrough);
        }
    }

    /** Replaces a point that is already stored (same dyad, time and event). */
    void replace(String dyad, HistoryPoint point) {
        store.put(HistoryKeys.key(dyad, point.at(), point.eventId()), point);
    }

    /**
     * Adds a new point and trims the dyad's oldest points once it holds 10% more than it keeps.
     *
     * @param extent what the dyad held before
     * @return what it holds now
     */
    Extent add(String dyad, HistoryPoint point, Extent extent) {
        replace(dyad, point);
        long count = extent.points() + 1;
        Instant trimmedThrough = extent.trimmedThrough();
        // Trim in batches: deleting one oldest point per update opens an iterator at the head of the
        // dyad's range on every event, and each must skip the tombstones of all earlier deletes.
        if (count > kept + Math.max(1, kept / 10)) {
            List<String> oldest = new ArrayList<>();
            try (KeyValueIterator<String, HistoryPoint> it = store.range(HistoryKeys.from(dyad, null), HistoryKeys.to(dyad, null))) {
                while (it.hasNext() && oldest.size() < count - kept) {
                    var next = it.next();
                    oldest.add(next.key);
                    trimmedThrough = trimmedThrough == null || next.value.at().isAfter(trimmedThrough) ? next.value.at() : trimmedThrough;
                }
            }
            oldest.forEach(store::delete);
            count -= oldest.size();
        }
        return new Extent(count, trimmedThrough);
    }
}
