package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.DyadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the analyzer keeps per dyad in {@code dyad-state-store}: the last state written plus what
 * the next one needs.
 *
 * @param state         the last state written to the dyad-state topic
 * @param moves         the dyad's history of moves
 * @param historyPoints  how many points the history store holds for the dyad
 * @param lastVoteAt     event time of the latest UN vote in {@code state.voting()}, or null: the
 *                       voting record names the latest draft by event time, not by arrival
 * @param trimmedThrough the latest event time of any history point trimmed away, or null when none
 *                       was: every point later than it is still in the history store
 * @param recentTimes    the event times (epoch ms) of the dyad's newest events, ascending, at most
 *                       {@link DyadProcessor#LATER_POINTS_LIMIT}: tells, without reading the history,
 *                       whether an out-of-order event has too many later events to be measured at its time
 */
public record DyadAggregate(DyadState state, MoveStats moves, long historyPoints, Instant lastVoteAt, Instant trimmedThrough,
                            List<Long> recentTimes) {
    public DyadAggregate {
        Objects.requireNonNull(state, "state");
        moves = moves == null ? MoveStats.EMPTY : moves;
        recentTimes = recentTimes == null ? List.of() : List.copyOf(recentTimes);
    }

    /** @return how many of the recent event times are later than {@code at} */
    public int recentLaterThan(Instant at) {
        long t = at.toEpochMilli();
        int later = 0;
        for (int i = recentTimes.size() - 1; i >= 0 && recentTimes.get(i) > t; i--) {
            later++;
        }
        return later;
    }

    /** @return {@code recentTimes} with {@code at} added in order, the oldest dropped beyond {@code keep} */
    public List<Long> recentTimesWith(Instant at, int keep) {
        List<Long> next = new ArrayList<>(recentTimes);
        long t = at.toEpochMilli();
        int i = next.size();
        while (i > 0 && next.get(i - 1) > t) {
            i--;
        }
        next.add(i, t);
        return next.size() > keep ? next.subList(next.size() - keep, next.size()) : next;
    }
}
