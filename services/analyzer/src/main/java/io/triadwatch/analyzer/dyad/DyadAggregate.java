package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.DyadState;
import java.time.Instant;
import java.util.Objects;

/**
 * What the analyzer keeps per dyad in {@code dyad-state-store}: the last state written plus what
 * the next one needs.
 *
 * @param state         the last state written to the dyad-state topic
 * @param moves         the dyad's history of moves
 * @param historyPoints how many points the history store holds for the dyad
 * @param lastVoteAt    event time of the latest UN vote in {@code state.voting()}, or null: the
 *                      voting record names the latest draft by event time, not by arrival
 */
public record DyadAggregate(DyadState state, MoveStats moves, long historyPoints, Instant lastVoteAt) {
    public DyadAggregate {
        Objects.requireNonNull(state, "state");
        moves = moves == null ? MoveStats.EMPTY : moves;
    }
}
