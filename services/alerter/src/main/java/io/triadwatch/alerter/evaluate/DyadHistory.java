package io.triadwatch.alerter.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A dyad's recent moves, oldest first, bounded in event time and count; the value of the
 * {@code alerter-dyad-history-store}.
 *
 * @param moves  the moves, sorted by event time
 * @param recent the analyzer's most recent absolute moves of the dyad, for percentiles of window values
 */
public record DyadHistory(List<DyadMove> moves, List<Double> recent) {
    public DyadHistory {
        moves = moves == null ? List.of() : List.copyOf(moves);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** @return a history without moves */
    public static DyadHistory empty() {
        return new DyadHistory(List.of(), List.of());
    }

    /** @return true when a move of {@code eventId} is already remembered: its state is a duplicate */
    public boolean contains(String eventId) {
        return moves.stream().anyMatch(m -> m.eventId().equals(eventId));
    }

    /** @return the latest move, or null */
    public DyadMove latest() {
        return moves.isEmpty() ? null : moves.get(moves.size() - 1);
    }

    /**
     * Adds a move in event-time order and forgets what falls out of the bounds.
     *
     * @param move      the new move
     * @param recent    the analyzer's recent absolute moves as of this move
     * @param retention moves older than the newest minus this are forgotten
     * @param max       at most this many moves are kept
     * @return the new history
     */
    public DyadHistory with(DyadMove move, List<Double> recent, Duration retention, int max) {
        List<DyadMove> next = new ArrayList<>(moves);
        next.add(move);
        next.sort(Comparator.comparing(DyadMove::asOf));
        Instant cutoff = next.get(next.size() - 1).asOf().minus(retention);
        next.removeIf(m -> m.asOf().isBefore(cutoff));
        List<DyadMove> kept = next.size() > max ? next.subList(next.size() - max, next.size()) : next;
        return new DyadHistory(kept, recent == null || recent.isEmpty() ? this.recent : recent);
    }
}
