package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.DeltaBaseline;
import java.util.ArrayList;
import java.util.List;

/**
 * A dyad's history of absolute score moves: running count, mean and sum of squared deviations
 * over all moves (Welford), plus the most recent moves for percentiles.
 *
 * @param count  moves so far
 * @param mean   mean absolute move
 * @param m2     sum of squared deviations from the mean
 * @param recent the most recent absolute moves, newest last
 */
public record MoveStats(long count, double mean, double m2, List<Double> recent) {
    /** No moves yet. */
    public static final MoveStats EMPTY = new MoveStats(0, 0, 0, List.of());

    public MoveStats {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** @return population standard deviation of the moves so far */
    public double stddev() {
        return count == 0 ? 0 : Math.sqrt(m2 / count);
    }

    /**
     * Places {@code move} against the moves so far: z-score against all of them (null with fewer
     * than 2 or no spread) and mid-rank percentile among the recent ones (null when none).
     */
    public DeltaBaseline judge(double move) {
        double abs = Math.abs(move);
        double sd = stddev();
        Double z = count >= 2 && sd > 0 ? (abs - mean) / sd : null;
        Double percentile = null;
        if (!recent.isEmpty()) {
            int below = 0;
            int equal = 0;
            for (double m : recent) {
                if (m < abs) {
                    below++;
                } else if (m == abs) {
                    equal++;
                }
            }
            percentile = 100.0 * (below + 0.5 * equal) / recent.size();
        }
        return new DeltaBaseline(count, mean, sd, recent, z, percentile);
    }

    /** @return these stats with {@code move} added, keeping at most {@code keep} recent moves */
    public MoveStats plus(double move, int keep) {
        double abs = Math.abs(move);
        long n = count + 1;
        double d = abs - mean;
        double newMean = mean + d / n;
        double newM2 = m2 + d * (abs - newMean);
        List<Double> next = new ArrayList<>(recent);
        next.add(abs);
        while (next.size() > keep) {
            next.remove(0);
        }
        return new MoveStats(n, newMean, newM2, next);
    }
}
