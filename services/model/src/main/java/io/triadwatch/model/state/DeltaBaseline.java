package io.triadwatch.model.state;

import java.util.List;

/**
 * A dyad's own history of score moves, so that any move can be judged against that dyad's past
 * ("is this unusual?") rather than a global constant.
 *
 * @param count      how many moves the history holds (moves before this one)
 * @param mean       mean absolute move
 * @param stddev     standard deviation of absolute moves
 * @param recent     the most recent absolute moves, newest last (bounded)
 * @param zScore     the last move's z-score against the moves before it, or null with fewer than 2
 * @param percentile the last move's percentile (0..100) among the moves before it, or null when none
 */
public record DeltaBaseline(long count, double mean, double stddev, List<Double> recent, Double zScore, Double percentile) {
    public DeltaBaseline {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
