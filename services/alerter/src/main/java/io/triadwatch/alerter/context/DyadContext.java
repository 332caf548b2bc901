package io.triadwatch.alerter.context;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The watched triads a dyad belongs to, each with its recent states; the value of the
 * {@code alerter-dyad-context-store}, keyed by dyad, which holds it encoded ({@link StoredContext}).
 *
 * @param triads triad id to timeline, sorted by triad id
 */
public record DyadContext(Map<String, TriadTimeline> triads) {
    public DyadContext {
        triads = triads == null ? Map.of() : Map.copyOf(triads);
    }

    /** @return a context without triads */
    public static DyadContext empty() {
        return new DyadContext(Map.of());
    }

    /**
     * Applies one triad update: a state is added to the triad's timeline, a tombstone forgets the triad.
     *
     * @param update    the update
     * @param retention how much event time each timeline keeps
     * @param max       how many states each timeline keeps
     * @return the new context
     */
    public DyadContext apply(TriadUpdate update, Duration retention, int max) {
        Map<String, TriadTimeline> next = new TreeMap<>(triads);
        if (update.state() == null) {
            next.remove(update.triad());
            return new DyadContext(next);
        }
        TriadTimeline timeline = next.getOrDefault(update.triad(), TriadTimeline.empty());
        // A triad state without event time is the analyzer's announcement of a newly watched triad, before any move.
        next.put(update.triad(), update.state().asOf() == null ? timeline : timeline.with(TriadSnapshot.of(update.state()), retention, max));
        return new DyadContext(next);
    }
}
