package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.Durations;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The triad stage's window and zero-sum arithmetic as they were written first (every pair of moves
 * compared, the window rebuilt and sorted on every move), kept verbatim as the reference that the
 * faster code must match.
 */
final class ReferenceTriad {
    private ReferenceTriad() {
    }

    /** The pairwise count: every pair of real moves on different dyads. */
    static TriadState.ZeroSumEvidence zeroSum(List<TriadAggregate.Move> moves, Duration window) {
        List<TriadAggregate.Move> real = moves.stream().filter(m -> Math.abs(m.delta()) > TriadMath.MOVE_EPSILON).toList();
        int opposing = 0;
        int aligned = 0;
        for (int i = 0; i < real.size(); i++) {
            for (int j = i + 1; j < real.size(); j++) {
                TriadAggregate.Move a = real.get(i);
                TriadAggregate.Move b = real.get(j);
                if (a.dyad().equals(b.dyad())) {
                    continue;
                }
                if (Math.signum(a.delta()) != Math.signum(b.delta())) {
                    opposing++;
                } else {
                    aligned++;
                }
            }
        }
        int pairs = opposing + aligned;
        Double ratio = pairs == 0 ? null : (double) opposing / pairs;
        String verdict;
        if (pairs < 3) {
            verdict = "INSUFFICIENT_DATA";
        } else if (ratio >= 0.6) {
            verdict = "ZERO_SUM_EVIDENCE";
        } else if (ratio <= 0.4) {
            verdict = "NO_ZERO_SUM_EVIDENCE";
        } else {
            verdict = "MIXED";
        }
        return new TriadState.ZeroSumEvidence(Durations.iso(window), real.size(), opposing, aligned, ratio, verdict);
    }

    /** The first {@code TriadProcessor.withMove}. */
    static TriadAggregate withMove(TriadAggregate current, DyadMove move, TriadMath math, int movesKept) {
        Map<String, DyadMove> dyads = new HashMap<>(current.dyads());
        DyadMove known = dyads.get(move.dyad());
        if (known == null || known.asOf() == null || (move.asOf() != null && !move.asOf().isBefore(known.asOf()))) {
            dyads.put(move.dyad(), move);
        }
        Instant asOf = TriadMath.asOf(dyads.values());
        List<TriadAggregate.Move> moves = new ArrayList<>();
        if (asOf != null) {
            Instant start = math.windowStart(asOf);
            for (TriadAggregate.Move m : current.moves()) {
                if (!m.at().isBefore(start)) {
                    moves.add(m);
                }
            }
            boolean seen = moves.stream().anyMatch(m -> m.dyad().equals(move.dyad()) && m.eventId().equals(move.eventId()));
            if (move.moved() && !seen && move.eventAt() != null && !move.eventAt().isBefore(start)
                    && Math.abs(move.delta()) > TriadMath.MOVE_EPSILON) {
                moves.add(new TriadAggregate.Move(move.dyad(), move.eventId(), move.eventAt(), move.delta()));
            }
            moves.sort(Comparator.comparing(TriadAggregate.Move::at).thenComparing(TriadAggregate.Move::dyad).thenComparing(TriadAggregate.Move::eventId));
            while (moves.size() > movesKept) {
                moves.remove(0);
            }
        }
        return new TriadAggregate(current.definition(), dyads, moves, current.state());
    }
}
