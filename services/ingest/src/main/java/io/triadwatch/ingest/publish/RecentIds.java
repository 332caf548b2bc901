package io.triadwatch.ingest.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids seen recently, bounded so that a long run cannot exhaust memory: the oldest id is
 * forgotten first. Within its capacity, an id offered twice is reported as a repeat.
 * Thread-safe.
 */
public final class RecentIds {
    /** Default capacity: one million ids (about 100 MB at worst). */
    public static final int DEFAULT_CAPACITY = 1_000_000;
    private final Map<String, Boolean> ids;

    /** @param capacity how many ids to remember */
    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true when {@code id} is new (and remembers it), false when it was seen */
    public synchronized boolean firstSighting(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** Forgets {@code id}, so that an event whose publication failed can be sent again. */
    public synchronized void forget(String id) {
        ids.remove(id);
    }
}
