package io.triadwatch.analyzer.dyad;

/**
 * Normalizes a decayed impulse sum to a score in −1..+1: {@code tanh(rawSum / scale)}.
 *
 * @param scale the raw sum that maps to tanh(1) ≈ 0.76, positive
 */
public record Score(double scale) {
    public Score {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("score scale must be positive, got " + scale);
        }
    }

    /** @return the score of {@code rawSum} */
    public double of(double rawSum) {
        return Math.tanh(rawSum / scale);
    }
}
