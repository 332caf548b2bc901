package io.triadwatch.alerter.context;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A triad's recent states, oldest first, bounded in event time and count: enough to say what each
 * of its dyads did over a window.
 *
 * @param snapshots      the states, sorted by event time
 * @param droppedThrough the event time of the latest state dropped to keep the count bound, or null when
 *                       none was (a reading with fewer states than it may use up to this time may miss some:
 *                       {@link DyadContext#truncatedAt})
 */
public record TriadTimeline(List<TriadSnapshot> snapshots, Instant droppedThrough) {
    public TriadTimeline {
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }

    /** @param snapshots the states, sorted by event time; none dropped */
    public TriadTimeline(List<TriadSnapshot> snapshots) {
        this(snapshots, null);
    }

    /** @return a timeline without states */
    public static TriadTimeline empty() {
        return new TriadTimeline(List.of());
    }

    /** @return true when the move behind {@code snapshot} is already recorded */
    public boolean contains(TriadSnapshot snapshot) {
        return snapshots.stream().anyMatch(s -> s.moveKey().equals(snapshot.moveKey()) && s.asOf().equals(snapshot.asOf()));
    }

    /** @return the latest state, or null */
    public TriadSnapshot latest() {
        return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
    }

    /** @return the latest state at or before {@code at}, or null */
    public TriadSnapshot latestAtOrBefore(Instant at) {
        TriadSnapshot found = null;
        for (TriadSnapshot s : snapshots) {
            if (!s.asOf().isAfter(at)) {
                found = s;
            }
        }
        return found;
    }

    /**
     * The states a reading at {@code cut} may use: those dated before the cut's instant, and those of
     * that instant up to and including the move's own reading (all of them when it is not here), at most
     * the last {@code limit}. The limit is what makes the reading independent of how many later states
     * have arrived: a dyad's context keeps every state after the dyad's progress ({@link DyadContextStore}),
     * so states arriving after the move's own reading push nothing out of what a reading uses.
     *
     * @return a timeline of those states, oldest first
     */
    public TriadTimeline upTo(ContextCut cut, int limit) {
        int end = 0;
        while (end < snapshots.size() && !snapshots.get(end).asOf().isAfter(cut.at())) {
            end++;
        }
        for (int i = end - 1; i >= 0 && snapshots.get(i).asOf().equals(cut.at()); i--) {
            if (cut.endsWith(snapshots.get(i))) {
                end = i + 1;
                break;
            }
        }
        return new TriadTimeline(snapshots.subList(Math.max(0, end - limit), end));
    }

    /**
     * Sums the moves of {@code dyad} recorded in {@code (from, to]}, each event once.
     *
     * @return the dyad's score change over the interval, decay excluded
     */
    public double changeOf(String dyad, Instant from, Instant to) {
        Set<String> seen = new HashSet<>();
        double sum = 0;
        for (TriadSnapshot s : snapshots) {
            if (dyad.equals(s.lastDyad()) && s.asOf().isAfter(from) && !s.asOf().isAfter(to) && seen.add(s.lastEventId())) {
                sum += s.lastMove();
            }
        }
        return sum;
    }

    /**
     * @return the absolute moves of the recorded states dated strictly before {@code at}, oldest first:
     *         a baseline that depends on event time, not on which states of the same instant arrived first
     */
    public List<Double> moveSizesBefore(Instant at) {
        return snapshots.stream().filter(s -> s.asOf().isBefore(at)).map(s -> Math.abs(s.lastMove())).toList();
    }

    /**
     * Adds a state in event-time order (replacing a state of the same move) and forgets what falls
     * out of the bounds.
     *
     * @param snapshot  the new state
     * @param retention states older than the newest minus this are forgotten, except the last one
     *                  before that point, which anchors the start of a window
     * @param max       at most this many states are kept
     * @return the new timeline
     */
    public TriadTimeline with(TriadSnapshot snapshot, Duration retention, int max) {
        List<TriadSnapshot> next = inserted(snapshot);
        return trimmed(next, next.size(), next.get(next.size() - 1).asOf(), retention, max, Integer.MAX_VALUE);
    }

    private List<TriadSnapshot> inserted(TriadSnapshot snapshot) {
        List<TriadSnapshot> next = new ArrayList<>(snapshots);
        next.removeIf(s -> s.moveKey().equals(snapshot.moveKey()));
        next.add(snapshot);
        next.sort(Comparator.comparing(TriadSnapshot::asOf));
        return next;
    }

    /**
     * Drops, of the first {@code bounded} states, those older than {@code reference - retention} but the
     * anchor, then all but the last {@code max} of them; then the oldest beyond {@code cap} in all. Only
     * the count bounds (not retention, which no window reaches past) move {@link #droppedThrough}.
     */
    private TriadTimeline trimmed(List<TriadSnapshot> next, int bounded, Instant reference, Duration retention, int max, int cap) {
        int anchor = 0;
        if (reference != null) {
            Instant cutoff = reference.minus(retention);
            while (anchor + 1 < bounded && !next.get(anchor + 1).asOf().isAfter(cutoff)) {
                anchor++;
            }
        }
        int firstKept = Math.max(anchor, Math.max(bounded - max, next.size() - cap));
        Instant dropped = droppedThrough;
        if (firstKept > anchor) {
            Instant last = next.get(firstKept - 1).asOf();
            dropped = dropped == null || last.isAfter(dropped) ? last : dropped;
        } else if (dropped != null && anchor > 0 && next.get(anchor).asOf().isAfter(dropped)) {
            // What the count bound dropped is older than the retention anchor: no reading misses it any more.
            dropped = null;
        }
        return new TriadTimeline(next.subList(firstKept, next.size()), dropped);
    }
}
