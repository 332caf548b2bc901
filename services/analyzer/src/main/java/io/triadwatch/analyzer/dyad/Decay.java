package io.triadwatch.analyzer.dyad;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential decay in event time: an impulse {@code Δt} old weighs {@code 2^(−Δt / halfLife)}.
 * Because every impulse decays by the same law, a decayed sum is independent of the order in which
 * impulses arrive: moving the sum from one instant to another multiplies it by one factor.
 */
public final class Decay {
    private final double halfLifeMillis;

    /** @param halfLife the half-life, positive */
    public Decay(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    /** @return the factor that carries a value from {@code from} to {@code to} ({@code > 1} when {@code to} is earlier) */
    public double factor(Instant from, Instant to) {
        return Math.pow(2, -(to.toEpochMilli() - from.toEpochMilli()) / halfLifeMillis);
    }
}
