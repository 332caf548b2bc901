package io.triadwatch.alerter.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The watched triads a dyad belongs to, each with its states as one alert reads them
 * ({@link DyadContextStore#readAt}).
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
     * Whether a reading at {@code cut} may miss states it would use: some triad's timeline holds fewer than
     * {@code kept} states up to the cut, and has dropped states to its count bounds (a late move read after its dyad's later ones, or more than
     * {@link DyadContextStore#CAP} states ahead of the dyad). Such a reading depends on arrival timing.
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
}
