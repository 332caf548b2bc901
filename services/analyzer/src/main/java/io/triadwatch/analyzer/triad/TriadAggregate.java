package io.triadwatch.analyzer.triad;

import io.triadwatch.model.Triad;
import io.triadwatch.model.state.TriadState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the analyzer keeps per triad in {@code triad-state-store}, in the binary form of
 * {@link TriadAggregateSerde}.
 *
 * @param definition the triad as configured, or null while only dyad updates have arrived
 * @param dyads      the latest update of each of its dyads, by dyad id
 * @param moves      dyad moves inside the zero-sum window, oldest first
 * @param state      the last state written, or null
 */
public record TriadAggregate(Triad definition, Map<String, DyadMove> dyads, List<Move> moves, TriadState state) {
    public TriadAggregate {
        dyads = dyads == null ? Map.of() : Map.copyOf(dyads);
        moves = moves == null ? List.of() : List.copyOf(moves);
    }

    /**
     * One dyad move, for the zero-sum evidence.
     *
     * @param dyad    dyad id
     * @param eventId the event that moved it
     * @param at      the event's time
     * @param delta   the move
     */
    public record Move(String dyad, String eventId, Instant at, double delta) {
    }
}
