package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.state.DeltaBaseline;
import java.util.List;

/**
 * A subject's earlier moves in summary: enough to say how unusual a new move is.
 *
 * @param count  how many earlier moves
 * @param mean   mean absolute move
 * @param stddev standard deviation of absolute moves
 * @param recent the most recent absolute moves (bounded), for percentiles; may be empty
 */
public record MoveStats(long count, double mean, double stddev, List<Double> recent) {
    public MoveStats {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** @return the stats of an analyzer baseline, or null when there is none */
    public static MoveStats of(DeltaBaseline baseline) {
        return baseline == null ? null : new MoveStats(baseline.count(), baseline.mean(), baseline.stddev(), baseline.recent());
    }

    /** @return the stats of a list of absolute moves, oldest first */
    public static MoveStats ofMoves(List<Double> moves) {
        int n = moves.size();
        if (n == 0) {
            return new MoveStats(0, 0, 0, List.of());
        }
        double mean = moves.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = moves.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / n;
        return new MoveStats(n, mean, Math.sqrt(variance), moves);
    }

    /** @return how many standard deviations {@code move} is above the mean, or null without spread */
    public Double zScoreOf(double move) {
        return stddev > 1e-9 ? (move - mean) / stddev : null;
    }

    /** @return the share (0..100) of recent moves smaller than {@code move}, or null when none are known */
    public Double percentileOf(double move) {
        if (recent.isEmpty()) {
            return null;
        }
        long below = recent.stream().filter(r -> r < move).count();
        return 100.0 * below / recent.size();
    }
}
