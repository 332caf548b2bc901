package io.triadwatch.analyzer;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.analyzer.order.EventOrder;
import io.triadwatch.analyzer.dyad.Decay;
import io.triadwatch.analyzer.dyad.ScoreModel;
import io.triadwatch.topics.Topics;
import io.triadwatch.serde.Durations;
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
 * @param topics             the topics read and written; default {@link TopicNames#defaults()} (tests on a
 *                           shared broker give each run its own)
 * @param combining          how the intake combines coded impulses before the dyad stage; default
 *                           {@link Combining#defaults()} (on, one UTC day per bucket, flushed within 2 s)
 * @param order              event-time ordering of the dyad and triad stages (docs/reliability.md,
 *                           "Deterministic output"); default {@link EventOrder#off()}: the live
 *                           {@code run} and {@code demo} roles turn it on ({@link EventOrder#live()}), a
 *                           backtest has one partition per topic and needs none
 */
public record AnalyzerConfig(String applicationId, Duration halfLife, Duration grace, int contributionsKept,
                             Duration zeroSumWindow, int zeroSumMovesKept, double rankShiftThreshold,
                             int deltaHistorySize, int historyPointsKept, double scoreScale, double neutralBand,
                             int dyadPartitions, int triadPartitions, ImpulseTable impulses, TopicNames topics, Combining combining,
                             EventOrder order) {
    /** The default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "triadwatch-analyzer";

    public AnalyzerConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        if (!applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("applicationId must be [A-Za-z0-9._-]+, got '" + applicationId + "'");
        }
        Durations.requirePositive(halfLife, "halfLife");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        Durations.requirePositive(zeroSumWindow, "zeroSumWindow");
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
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(combining, "combining");
        Objects.requireNonNull(order, "order");
    }

    /** A configuration with the default combining of coded impulses ({@link Combining#defaults()}). */
    public AnalyzerConfig(String applicationId, Duration halfLife, Duration grace, int contributionsKept,
                          Duration zeroSumWindow, int zeroSumMovesKept, double rankShiftThreshold,
                          int deltaHistorySize, int historyPointsKept, double scoreScale, double neutralBand,
                          int dyadPartitions, int triadPartitions, ImpulseTable impulses, TopicNames topics) {
        this(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold, deltaHistorySize,
                historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, Combining.defaults(), EventOrder.off());
    }

    /** A configuration on the registry's topics ({@link TopicNames#defaults()}). */
    public AnalyzerConfig(String applicationId, Duration halfLife, Duration grace, int contributionsKept,
                          Duration zeroSumWindow, int zeroSumMovesKept, double rankShiftThreshold,
                          int deltaHistorySize, int historyPointsKept, double scoreScale, double neutralBand,
                          int dyadPartitions, int triadPartitions, ImpulseTable impulses) {
        this(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold, deltaHistorySize,
                historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, TopicNames.defaults());
    }

    /** @return how this configuration turns a dyad's channel sums into its score */
    public ScoreModel scoreModel() {
        return new ScoreModel(scoreScale, impulses.channels());
    }

    /** @return the decay of a dyad's channels: {@code halfLife}, and the tone's own half-life under a v2 table */
    public Decay decay() {
        ImpulseTable.ChannelWeights channels = impulses.channels();
        return new Decay(halfLife, channels == null ? halfLife : channels.toneHalfLife());
    }

    /** @return the documented defaults */
    public static AnalyzerConfig defaults() {
        return new AnalyzerConfig(DEFAULT_APPLICATION_ID, Duration.ofDays(180), Duration.ofDays(30), 20, Duration.ofDays(90), 200,
                0.05, 50, 1000, 10.0, 0.02, 6, 3, ImpulseTable.defaults());
    }

    /** @return a copy with another application id (and so other internal topics and group) */
    public AnalyzerConfig withApplicationId(String value) {
        return new AnalyzerConfig(value, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another half-life */
    public AnalyzerConfig withHalfLife(Duration value) {
        return new AnalyzerConfig(applicationId, value, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another grace period */
    public AnalyzerConfig withGrace(Duration value) {
        return new AnalyzerConfig(applicationId, halfLife, value, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy keeping another number of contributions */
    public AnalyzerConfig withContributionsKept(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, value, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another zero-sum window */
    public AnalyzerConfig withZeroSumWindow(Duration value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, value, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another rank-shift threshold */
    public AnalyzerConfig withRankShiftThreshold(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, value,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy keeping another number of recent moves */
    public AnalyzerConfig withDeltaHistorySize(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                value, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy keeping another number of history points per dyad */
    public AnalyzerConfig withHistoryPointsKept(int value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, value, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another score scale */
    public AnalyzerConfig withScoreScale(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, value, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /** @return a copy with another neutral band */
    public AnalyzerConfig withNeutralBand(double value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, value, dyadPartitions, triadPartitions, impulses, topics, combining, order);
    }

    /**
     * @return a copy whose dyad and triad repartition topics have these partition counts (a backtest
     *         uses 1 and 1: one task per stage, so every run processes in one order)
     */
    public AnalyzerConfig withPartitions(int dyads, int triads) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyads, triads, impulses, topics, combining, order);
    }

    /** @return a copy with another impulse table */
    public AnalyzerConfig withImpulses(ImpulseTable value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, value, topics, combining, order);
    }

    /** @return a copy reading and writing other topics */
    public AnalyzerConfig withTopics(TopicNames value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, value, combining, order);
    }

    /** @return a copy that combines coded impulses as {@code value} says */
    public AnalyzerConfig withCombining(Combining value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, value, order);
    }

    /**
     * The configuration of a live analyzer ({@code run}, {@code demo}): inputs released in event-time
     * order ({@link EventOrder#live()}) and coded impulses not combined. Combining is a backtest's
     * saving: live, the records a bucket makes depend on the wall clock and on how the events are
     * spread over partitions, so the dyad's history (its moves, and the alert baselines read from
     * them) would differ from run to run even though the final sums do not.
     *
     * @return a copy for the live path
     */
    public AnalyzerConfig live() {
        return withOrder(EventOrder.live()).withCombining(Combining.off());
    }

    /**
     * The configuration of a backtest ({@code replay}): one partition per stage, so one order, and
     * coded impulses combined only where the input says ({@link Combining#inInputOrder()}), so two
     * runs of the same input write the same states.
     *
     * @return a copy for a backtest
     */
    public AnalyzerConfig backtest() {
        return withPartitions(1, 1).withCombining(combining.inInputOrder());
    }

    /** @return a copy with another event-time ordering */
    public AnalyzerConfig withOrder(EventOrder value) {
        return new AnalyzerConfig(applicationId, halfLife, grace, contributionsKept, zeroSumWindow, zeroSumMovesKept, rankShiftThreshold,
                deltaHistorySize, historyPointsKept, scoreScale, neutralBand, dyadPartitions, triadPartitions, impulses, topics, combining, value);
    }

    /**
     * How the intake combines coded-only impulses (tone and volume channels, no curated or vote part)
     * per dyad and event-time bucket before they cross the {@code dyad-inputs} repartition
     * (docs/analytic-model.md §3.3). The dyad stage's final sums are the same either way (the channels
     * are linear decayed sums); only the number of records and history points changes.
     *
     * @param enabled       false: every impulse crosses on its own, as before
     * @param bucket        the event-time bucket, aligned on the epoch (so a whole number of days is
     *                      UTC days); positive; default one day
     * @param flushInterval the wall-clock punctuation: when the intake task read nothing for a whole
     *                      interval every open bucket is forwarded (the end of a replay, a quiet live
     *                      stream); otherwise, unless {@code inputOrder}, the buckets already open at the
     *                      previous punctuation are, so a live event waits at most two intervals;
     *                      positive; default 2 s
     * @param topEvents     how many event ids (the largest |Goldstein|) a combined record names; at least 1; default 5
     * @param inputOrder    true for a backtest: a busy task flushes only where its input says (watermark,
     *                      curated impulse, idle), so two runs of the same input combine the same
     *                      events and write the same states; default false
     */
    public record Combining(boolean enabled, Duration bucket, Duration flushInterval, int topEvents, boolean inputOrder) {
        public Combining {
            Durations.requirePositive(bucket, "combining.bucket");
            Durations.requirePositive(flushInterval, "combining.flushInterval");
            atLeastOne(topEvents, "combining.topEvents");
        }

        /** @return on, one-day buckets, a 2 s flush, five ids */
        public static Combining defaults() {
            return new Combining(true, Duration.ofDays(1), Duration.ofSeconds(2), 5, false);
        }

        /** @return this combining, flushing a busy task only where its input says (see {@code inputOrder}) */
        public Combining inInputOrder() {
            return new Combining(enabled, bucket, flushInterval, topEvents, true);
        }

        /** @return every impulse on its own (the behaviour before combining) */
        public static Combining off() {
            return new Combining(false, Duration.ofDays(1), Duration.ofSeconds(2), 5, false);
        }
    }

    /**
     * The topics the analyzer reads and writes. Production uses {@link #defaults()}, the registry's
     * names; tests on a shared broker give each run its own.
     *
     * @param events     canonical events, read
     * @param triads     watched triads, read
     * @param officials  officials registry, read into a global store
     * @param dlq        rejected input, written
     * @param dyadState  dyad state, written
     * @param triadState triad state, written
     */
    public record TopicNames(String events, String triads, String officials, String dlq, String dyadState, String triadState) {
        public TopicNames {
            requireText(events, "topics.events");
            requireText(triads, "topics.triads");
            requireText(officials, "topics.officials");
            requireText(dlq, "topics.dlq");
            requireText(dyadState, "topics.dyadState");
            requireText(triadState, "topics.triadState");
        }

        /** @return the names from {@link Topics} */
        public static TopicNames defaults() {
            return new TopicNames(Topics.EVENTS.name(), Topics.TRIADS.name(), Topics.OFFICIALS.name(), Topics.DLQ.name(),
                    Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name());
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
        }
    }


    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
