package io.triadwatch.analyzer;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.analyzer.dyad.ScoreModel;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the analyzer's numbers and names. Immutable; start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param applicationId      Kafka Streams {@code application.id}: prefix of its consumer group,
 *                           changelog and repartition topics; default {@code triadwatch-analyzer}
 * @param halfLife           event-time half-life of an impulse; default 180 days
 * @param grace              how far behind its partition's event-time watermark (the latest
 *                           {@code occurredAt} accepted on that input partition) an event may be and
 *                           still be applied exactly; older ones go to the DLQ as {@code LATE}; default 30 days
 * @param contributionsKept  contributions kept on a dyad state, newest first; default 20
 * @param zeroSumWindow      event-time window of a triad's zero-sum evidence; default 90 days
 * @param zeroSumMovesKept   dyad moves a triad keeps for that window, newest; default 200
 * @param rankShiftThreshold how far (in protocol weight, 0..1) a visit must fall below its occasion
 *                           baseline to be a {@code DROP} (or rise above it to be a {@code RISE});
 *                           default 0.05, a quarter of the LEADERSHIP tier's band
 * @param deltaHistorySize   recent moves a dyad keeps for the percentile of its next move; default 50
 * @param historyPointsKept  points a dyad keeps for the history query (it may hold up to 10% more
 *                           between batch trims); default 1000
 * @param scoreScale         score = tanh(decayed sum / scoreScale); default 10 (one treaty ≈ 0.76)
 * @param neutralBand        |score| below this counts as sign {@code 0} in a triad's sign class; default 0.02
 * @param dyadPartitions     partitions of the dyad repartition topic; default 6 (as the dyad-state topic)
 * @param triadPartitions    partitions of the triad repartition topic; default 3 (as the triad-state topic)
 * @param impulses           the impulse table; default {@link ImpulseTable#defaults()}
 */
public record AnalyzerConfig(String applicationId, Duration halfLife, Duration grace, int contributionsKept,
                             Duration zeroSumWindow, int zeroSumMovesKept, double rankShiftThreshold,
                             int deltaHistorySize, int historyPointsKept, double scoreScale, double neutralBand,
                             int dyadPartitions, int triadPartitions, ImpulseTable impulses) {
    /** The default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "triadwatch-analyzer";

    public AnalyzerConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("applicationId must be [A-Za-z0-9._-]+, got '" + applicationId + "'");
        }
        positive(halfLife, "halfLife");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        positive(zeroSumWindow, "zeroSumWindow");
        atLeastOne(contributionsKept, "contributionsKept");
        atLeastOne(zeroSumMovesKept, "zeroSumMovesKept");
        atLeastOne(deltaHistorySize, "deltaHistorySize");
        atLeastOne(historyPointsKept, "historyPointsKept");
        atLeastOne(dyadPartitions, "dyadPartitions");
        atLeastOne(triadPartitions, "triadPartitions");
        if (!(rankShiftThreshold > 0 && rankShiftThreshold < 1)) {
            throw new IllegalArgumentException("rankShiftThreshold must be in (0, 1), got " + rankShiftThreshold);
        }
        if (!(scoreScale > 0)) {
            throw new IllegalArgumentException("scoreScale must be positive, got " + scoreScale);
        }
        if (!(neutralBand >= 0 && neutralBand < 1)) {
            throw new IllegalArgumentException("neutralBand must be in [0, 1), got " + neutralBand);
        }
        Objects.requireNonNull(impulses, "impulses");
    }

    /** @return how this configuration turns a dyad's channel sums into its score */
    public ScoreModel scoreModel() {
        return new ScoreModel(scoreScale, impulses.channels());
    }

    /** @return the documented defaults */
    public static AnalyzerConfig defaults() {
        return new AnalyzerConfig(DEFAULT_APPLICATION_ID, Duration.ofDays(180), Duration.ofDays(30), 20, Duration.ofDays(90), 200,
                0.05, 50, 1000, 10.0, 0.02, 6, 3, ImpulseTable.defaults());
    }

    /** @return a copy with another application id (and so other internal topics and group) */
    public AnalyzerConfig withApplicationId(String value) {
        return new AnalyzerConfig(value, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another half-life */
    public AnalyzerConfig withHalfLife(Duration value) {
        return new AnalyzerConfig(applicationId, value, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another grace period */
    public AnalyzerConfig withGrace(Duration value) {
        return new AnalyzerConfig(applicationId, halfLife, value, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy keeping another number of contributions */
    public AnalyzerConfig withContributionsKept(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, value, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another zero-sum window */
    public AnalyzerConfig withZeroSumWindow(Duration value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, value, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another rank-shift threshold */
    public AnalyzerConfig withRankShiftThreshold(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, value,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy keeping another number of recent moves */
    public AnalyzerConfig withDeltaHistorySize(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                value, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy keeping another number of history points per dyad */
    public AnalyzerConfig withHistoryPointsKept(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, value, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another score scale */
    public AnalyzerConfig withScoreScale(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, value, neutralBand, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another neutral band */
    public AnalyzerConfig withNeutralBand(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, value, dyadPartitions, triadPartitions, impulses);
    }

    /** @return a copy with another impulse table */
    public AnalyzerConfig withImpulses(ImpulseTable value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
