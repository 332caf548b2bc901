package io.triadwatch.alerter.context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dyad contexts one task wrote last, decoded, so that the next update of a busy dyad need not decode
 * what it has just encoded: a context of a few triads holds up to thousands of states, and decoding it
 * on every triad reading was most of the alerter's work behind a backlog. A remembered context is used
 * only while the store still holds exactly its bytes (compared, not trusted: a task whose transaction
 * was aborted reads its stores back as they were committed). Least recently used first out; not
 * thread-safe, like everything of one stream task.
 */
public final class DecodedContexts {
    private final Map<String, StoredContext> written;

    /** @param capacity how many dyads' contexts are remembered at most */
    public DecodedContexts(int capacity) {
        this.written = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredContext> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param dyad   the dyad
     * @param stored what the store holds for it
     * @return its context, decoded only when it is not the one last written here
     * @throws IllegalStateException when the stored bytes are not a context
     */
    public DyadContext read(String dyad, StoredContext stored) {
        StoredContext last = written.get(dyad);
        return last != null && Arrays.equals(last.bytes(), stored.bytes()) ? last.context() : stored.context();
    }

    /** Remembers what was written for {@code dyad}. */
    public void wrote(String dyad, StoredContext context) {
        written.put(dyad, context);
    }

    /** Forgets everything (a task that starts again reads its stores afresh). */
    public void clear() {
        written.clear();
    }
}
