package io.triadwatch.alerter.context;

import java.time.Duration;
import java.time.Instant;
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
     * How many states dated after the dyad's progress a timeline keeps at most, beyond {@code maxMovesKept}.
     * A dyad alert reads at most {@code maxMovesKept} states up to its move ({@link TriadTimeline#upTo});
     * a timeline keeps every state dated after the latest move its dyad has had evaluated
     * ({@link TriadTimeline#withProgress}), so that what a reading uses does not depend on how many later
     * states arrived first. Kafka Streams may read the context partition far ahead of the dyad-state one
     * (the exactly-once runs saw more than 32 of one triad, docs/reliability.md); this bound only keeps a
     * stalled dyad's context from growing without end (each update rewrites the dyad's context, so its size is
     * the aggregate's cost), and a reading it cuts short is counted
     * ({@link #truncatedAt}, {@code triadwatch_alerter_context_truncated_total}).
     */
    public static final int PENDING_CAP = 4096;

    public DyadContext {
        triads = triads == null ? Map.of() : Map.copyOf(triads);
    }

    /** @return a context without triads */
    public static DyadContext empty() {
        return new DyadContext(Map.of());
    }

    /**
     * Whether a reading at {@code cut} may miss states it would use: some triad's timeline holds fewer than
     * {@code kept} states up to the cut, and has dropped states to its count bounds (a late move read after its dyad's later ones, or more than {@link #PENDING_CAP} states
     * ahead of the dyad). Such a reading depends on arrival timing.
     *
     * @param cut  the reading's cut
     * @param kept how many states a reading uses at most ({@code maxMovesKept})
     * @return the triads whose reading is truncated, sorted
     */
    public List<String> truncatedAt(ContextCut cut, int kept) {
        List<String> out = new ArrayList<>();
        triads.forEach((triad, timeline) -> {
            // Dropped states are older than every kept one: a reading short of states has lost some of them.
            if (timeline.droppedThrough() != null && timeline.upTo(cut, kept).snapshots().size() < kept) {
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
     * @param retention how much event time before {@code progress} each timeline keeps
     * @param max       how many states a reading uses ({@code maxMovesKept})
     * @param progress  the event time of the latest move the dyad has had evaluated, or null when none has
     *                  ({@link TriadTimeline#withProgress}; each timeline keeps at most {@link #PENDING_CAP}
     *                  more than {@code max})
     * @return the new context
     */
    public DyadContext apply(TriadUpdate update, Duration retention, int max, Instant progress) {
        Map<String, TriadTimeline> next = new TreeMap<>(triads);
        if (update.state() == null) {
            next.remove(update.triad());
            return new DyadContext(next);
        }
        TriadTimeline timeline = next.getOrDefault(update.triad(), TriadTimeline.empty());
        // A triad state without event time is the analyzer's announcement of a newly watched triad, before any move.
        next.put(update.triad(), update.state().asOf() == null ? timeline : timeline.withProgress(TriadSnapshot.of(update.state()), progress, retention, max, max + PENDING_CAP));
        return new DyadContext(next);
    }
}
