package io.triadwatch.alerter.context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The watched triads a dyad belongs to, each with its recent states; the value of the
 * {@code alerter-dyad-context-store}, keyed by dyad, which holds it encoded ({@link StoredContext}).
 *
 * @param triads triad id to timeline, sorted by triad id
 */
public record DyadContext(Map<String, TriadTimeline> triads) {
    /**
     * How many states each timeline keeps beyond {@code maxMovesKept}. A dyad alert reads at most
     * {@code maxMovesKept} states up to its move ({@link TriadTimeline#upTo}); the states of the triad
     * that arrive after the move's own reading and before the alert is evaluated would otherwise push
     * the oldest of those out, and what the reading sums over the window would depend on how many had
     * arrived. The dyad state is evaluated as soon as the readings of its move are here (it waits for
     * them, or they come first), and Kafka Streams takes the dyad-state and the context partition of a
     * task in record-timestamp order, which a dyad state and the triad states of its move share; so
     * usually only a few states of one triad come in between, and 32 costs an eighth more of a 256-state
     * timeline. Not always: at 500 events/s the exactly-once runs saw more than 32 arrive first (a
     * fetch of the context partition ahead of the dyad-state one), and such readings are counted
     * ({@link #truncatedAt}, {@code triadwatch_alerter_context_truncated_total}); docs/reliability.md,
     * "What is not covered", has the fix that bounds a timeline by the dyad's own progress instead.
     */
    public static final int READINGS_AHEAD = 32;

    public DyadContext {
        triads = triads == null ? Map.of() : Map.copyOf(triads);
    }

    /** @return a context without triads */
    public static DyadContext empty() {
        return new DyadContext(Map.of());
    }

    /**
     * Whether a reading at {@code cut} may miss states it would use: some triad's timeline is full (it has
     * dropped its oldest states) and holds fewer than {@code kept} states up to the cut, so states up to the
     * cut were dropped because more than {@link #READINGS_AHEAD} later ones had arrived first. Such a reading
     * depends on arrival timing.
     *
     * @param cut  the reading's cut
     * @param kept how many states a reading uses at most ({@code maxMovesKept})
     * @return the triads whose reading is truncated, sorted
     */
    public List<String> truncatedAt(ContextCut cut, int kept) {
        List<String> out = new ArrayList<>();
        triads.forEach((triad, timeline) -> {
            if (timeline.snapshots().size() >= kept + READINGS_AHEAD && timeline.upTo(cut, kept).snapshots().size() < kept) {
                out.add(triad);
            }
        });
        out.sort(null);
        return out;
    }

    /** @return true when every triad holding the dyad has its reading of the move of {@code cut} ({@link TriadTimeline#hasReadingOf}) */
    public boolean hasReadingsOf(ContextCut cut) {
        return triads.values().stream().allMatch(t -> t.hasReadingOf(cut));
    }

    /**
     * Applies one triad update: a state is added to the triad's timeline, a tombstone forgets the triad.
     *
     * @param update    the update
     * @param retention how much event time each timeline keeps
     * @param max       how many states a reading uses ({@code maxMovesKept}); each timeline keeps
     *                  {@link #READINGS_AHEAD} more
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
        next.put(update.triad(), update.state().asOf() == null ? timeline : timeline.with(TriadSnapshot.of(update.state()), retention, max + READINGS_AHEAD));
        return new DyadContext(next);
    }
}
