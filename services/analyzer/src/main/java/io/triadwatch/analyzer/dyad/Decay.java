package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.ChannelSums;
import java.time.Duration;
import java.time.Instant;

/**
 * Exponential decay in event time: an impulse {@code Δt} old weighs {@code 2^(−Δt / halfLife)}.
 * Because every impulse of a channel decays by the same law, a decayed sum is independent of the
 * order in which impulses arrive: moving the sum from one instant to another multiplies it by one
 * factor. The tone channel (coded news) may have a half-life of its own (news ages faster than
 * treaties); the other channels share the dyad's. Immutable, thread-safe.
 */
public final class Decay {
    private final double halfLifeMillis;
    private final double toneHalfLifeMillis;

    /** @param halfLife the half-life of every channel, positive */
    public Decay(Duration halfLife) {
        this(halfLife, halfLife);
    }

    /**
     * @param halfLife     the half-life of the curated and agreement channels, positive
     * @param toneHalfLife the half-life of the tone channel, positive
     */
    public Decay(Duration halfLife, Duration toneHalfLife) {
        this.halfLifeMillis = halfLife.toMillis();
        this.toneHalfLifeMillis = toneHalfLife.toMillis();
    }

    /** @return the factor that carries a value from {@code from} to {@code to} ({@code > 1} when {@code to} is earlier) */
    public double factor(Instant from, Instant to) {
        return Math.pow(2, -(to.toEpochMilli() - from.toEpochMilli()) / halfLifeMillis);
    }

    /** @return {@code sums}, as of {@code from}, carried to {@code to}: each channel by its own half-life */
    public ChannelSums carry(ChannelSums sums, Instant from, Instant to) {
        double main = factor(from, to);
        double tone = toneHalfLifeMillis == halfLifeMillis ? main : Math.pow(2, -(to.toEpochMilli() - from.toEpochMilli()) / toneHalfLifeMillis);
        return sums.times(main, tone);
    }
}
