package io.triadwatch.analyzer.triad;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the pairs of zero-sum evidence without comparing every pair of moves: it keeps, per dyad,
 * how many moves rose and how many fell, and
 * <ul>
 *   <li>opposing pairs = Σ over pairs of dyads i &lt; j of up<sub>i</sub>·down<sub>j</sub> + down<sub>i</sub>·up<sub>j</sub>
 *       = up·down − Σ<sub>i</sub> up<sub>i</sub>·down<sub>i</sub>;</li>
 *   <li>aligned pairs = C(up, 2) − Σ<sub>i</sub> C(up<sub>i</sub>, 2) + C(down, 2) − Σ<sub>i</sub> C(down<sub>i</sub>, 2),</li>
 * </ul>
 * where up and down are the totals: every pair of moves, less the pairs on one dyad. Moves of
 * |delta| ≤ {@link TriadMath#MOVE_EPSILON} are no moves and are not counted, as in the pairwise
 * definition. Linear in the moves added; not thread-safe.
 */
final class ZeroSumTally {
    private final List<String> dyads = new ArrayList<>(3);
    private final List<int[]> counts = new ArrayList<>(3);
    private long up;
    private long down;

    /** @return the tally of {@code moves} */
    static ZeroSumTally of(List<TriadAggregate.Move> moves) {
        ZeroSumTally tally = new ZeroSumTally();
        for (TriadAggregate.Move m : moves) {
            tally.add(m);
        }
        return tally;
    }

    /** Counts {@code move}, unless it is no move. */
    void add(TriadAggregate.Move move) {
        if (!(Math.abs(move.delta()) > TriadMath.MOVE_EPSILON)) {
            return;
        }
        // Above the epsilon the sign is exactly that of Math.signum: NaN fails the test above.
        int side = move.delta() > 0 ? 0 : 1;
        countsOf(move.dyad())[side]++;
        if (side == 0) {
            up++;
        } else {
            down++;
        }
    }

    /** @return how many moves were counted */
    int moves() {
        return (int) (up + down);
    }

    /** @return pairs of moves on different dyads with opposite signs */
    int opposing() {
        long sameDyad = 0;
        for (int[] c : counts) {
            sameDyad += (long) c[0] * c[1];
        }
        // int, as the pairwise count was: a window never holds the 65,536 moves that would overflow it.
        return (int) (up * down - sameDyad);
    }

    /** @return pairs of moves on different dyads with the same sign */
    int aligned() {
        long sameDyad = 0;
        for (int[] c : counts) {
            sameDyad += pairs(c[0]) + pairs(c[1]);
        }
        return (int) (pairs(up) + pairs(down) - sameDyad);
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    private int[] countsOf(String dyad) {
        for (int i = 0; i < dyads.size(); i++) {
            if (dyads.get(i).equals(dyad)) {
                return counts.get(i);
            }
        }
        dyads.add(dyad);
        int[] c = new int[2];
        counts.add(c);
        return c;
    }
}
