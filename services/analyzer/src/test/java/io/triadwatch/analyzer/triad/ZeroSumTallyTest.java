package io.triadwatch.analyzer.triad;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-dyad tally counts exactly the pairs that comparing every pair of moves counts. */
class ZeroSumTallyTest {
    private static final Duration WINDOW = Duration.ofDays(90);
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private static final double[] EDGE_DELTAS = {0.0, -0.0, 1e-13, -1e-13, TriadMath.MOVE_EPSILON, -TriadMath.MOVE_EPSILON,
            Math.nextUp(TriadMath.MOVE_EPSILON), -Math.nextUp(TriadMath.MOVE_EPSILON), Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
    private final TriadMath math = new TriadMath(Duration.ofDays(180), 10, 0.02, WINDOW);

    @Test
    void shouldMatchThePairwiseCountOnRandomMoves() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            List<TriadAggregate.Move> moves = randomMoves(random, random.nextInt(round % 10 == 0 ? 260 : 12));
            TriadState.ZeroSumEvidence expected = ReferenceTriad.zeroSum(moves, WINDOW);
            assertThat(math.zeroSum(moves)).as("round %d: %s", round, moves).isEqualTo(expected);
        }
    }

    @Test
    void shouldCountNothingWithoutRealMoves() {
        List<TriadAggregate.Move> none = List.of(new TriadAggregate.Move("CHN-PRK", "a", T, 0), new TriadAggregate.Move("CHN-RUS", "b", T, 1e-13));
        assertThat(math.zeroSum(none)).isEqualTo(new TriadState.ZeroSumEvidence("P90D", 0, 0, 0, null, "INSUFFICIENT_DATA"));
        assertThat(math.zeroSum(List.of())).isEqualTo(ReferenceTriad.zeroSum(List.of(), WINDOW));
    }

    private static List<TriadAggregate.Move> randomMoves(Random random, int count) {
        String[] dyads = {"CHN-PRK", "CHN-RUS", "PRK-RUS", "JPN-KOR"};
        List<TriadAggregate.Move> moves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Mostly the triad's three dyads; sometimes a fourth, which the pairwise count also pairs.
            String dyad = dyads[random.nextInt(random.nextInt(20) == 0 ? 4 : 3)];
            moves.add(new TriadAggregate.Move(dyad, "e" + i, T.plusSeconds(random.nextInt(5) * 86_400L), delta(random)));
        }
        return moves;
    }

    private static double delta(Random random) {
        return random.nextInt(6) == 0 ? EDGE_DELTAS[random.nextInt(EDGE_DELTAS.length)] : random.nextGaussian();
    }
}
