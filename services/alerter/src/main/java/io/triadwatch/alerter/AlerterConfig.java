package io.triadwatch.alerter;

import io.triadwatch.alerter.evaluate.SeverityScale;
import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the alerter needs to run: where Kafka is, the topics, and the defaults that rules leave
 * open. Immutable; build it with {@link #builder(String)}.
 *
 * @param applicationId     Kafka Streams {@code application.id}; instances sharing it share the work
 * @param bootstrapServers  Kafka {@code bootstrap.servers}
 * @param stateDir          the Streams state directory, or null for the Streams default
 * @param streamThreads     stream threads per instance, at least 1
 * @param dashboardBaseUrl  base of every alert's {@code generatorURL}, without a trailing slash
 * @param topics            the topics read and written
 * @param defaultWindow     the window of a {@code DYAD_SHIFT} rule without one, and of the triad
 *                          context of alerts whose rule has no window
 * @param pointAlertHold    how long (event time) a point alert (rank, vote, flip, pivot) stays firing
 *                          when its rule has no {@code keepFiringFor} and nothing resolves it earlier
 * @param voteSplitMinVotes how many earlier shared votes a pair needs before a split can be "unusual"
 * @param severity          how a move's z-score against its subject's history maps to a severity
 * @param historyRetention  how much event time of a subject's moves is kept; longer windows are cut to it
 * @param maxMovesKept      at most this many moves per dyad, and snapshots per triad, are kept
 * @param ruleSweepInterval how often (wall clock) alerts of deleted or disabled rules are looked for
 * @param contextWait       how long (wall clock) a dyad state may wait for triad states still on their way to
 *                          its partition, so that its alert cites the triad context of the same moment
 *                          ({@code max.task.idle.ms}). Zero by default, the live path: a dyad state waits only
 *                          for context records the broker already holds, never for ones still being written,
 *                          so a dyad outside every watched triad is not held back for the whole wait (it was
 *                          5 s, most of the alerts' latency). A backtest sets {@link #BACKTEST_CONTEXT_WAIT}:
 *                          there a burst keeps the context partition just behind, and the same input must
 *                          give the same alerts, context included
 * @param contextTimeout    how long (wall clock) a dyad state whose alert could cite triad context is held until
 *                          every watched triad holding the dyad has its reading of the state's own event (30 s by
 *                          default; docs/reliability.md, "Deterministic output"). It runs only while the readings'
 *                          inputs are quiet: counted from the later of when the state was held and when its task last
 *                          received a reading, and only once the broker shows those inputs read to their end and the
 *                          analyzer's own repartition topics worked off ({@code upstreamApplicationId}; behind a
 *                          backlog the reading is still on its way). The readings normally arrive within a
 *                          few hundred ms, one repartition hop after the dyad state; past the timeout, or past
 *                          {@link #MAX_CONTEXT_HOLD_FACTOR} times it in all once the inputs have been read to their
 *                          end at least once since the state was held, the state is evaluated with what is there
 *                          and counted ({@code triadwatch_alerter_context_timeouts_total}). Zero holds nothing: the
 *                          context is then whatever has arrived, as before the wait existed
 * @param skipQuietStates   true (the default) to leave out the evaluation of a rule that a dyad state cannot
 *                          trigger while no episode of it is open on the dyad; the alerts are the same either
 *                          way (false evaluates every rule on every state, for comparison)
 * @param upstreamApplicationId the application id of the analyzer that writes the state topics, or null: a held
 *                          dyad state times out only while that application has also worked off its own
 *                          repartition topics, where the triad readings still to come wait behind a backlog
 *                          (default {@value #DEFAULT_UPSTREAM_APPLICATION_ID})
 * @param contextPartitions partitions of the repartition topic that routes triad states to their dyads
 *                          ({@link AlerterTopology#contextRepartitionTopic}); it must equal the dyad-state
 *                          topic's, as a dyad's readings and states meet in one task. {@link AlerterService}
 *                          reads the dyad-state topic's count from the broker at start and uses this value
 *                          only when the broker cannot say (default 6, as {@link Topics#DYAD_STATE})
 * @param clientProperties  passed to Kafka Streams and its clients as they are (SASL, TLS, tuning);
 *                          never overrides the application id, bootstrap servers or exactly-once
 */
public record AlerterConfig(String applicationId, String bootstrapServers, Path stateDir, int streamThreads,
                            String dashboardBaseUrl, TopicNames topics, Duration defaultWindow,
                            Duration pointAlertHold, int voteSplitMinVotes, SeverityScale severity,
                            Duration historyRetention, int maxMovesKept, Duration ruleSweepInterval,
                            Duration contextWait, Duration contextTimeout, boolean skipQuietStates, String upstreamApplicationId,
                            int contextPartitions, Map<String, String> clientProperties) {

    /** Default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "triadwatch-alerter";
    /**
     * The context wait of a backtest ({@code replay}): long enough for the triad states of a burst to reach
     * the dyad side first, as the alerts of two runs of the same input must be the same.
     */
    public static final Duration BACKTEST_CONTEXT_WAIT = Duration.ofSeconds(5);
    /**
     * The default {@link #contextTimeout()}. The triad readings normally lag the dyad state by one hop
     * (~0.1-0.5 s), and the wait ends when they arrive; but the analyzer's triad stage releases a move
     * only once every dyad task's watermark passed it, which on a loaded machine takes seconds (5 s ran
     * out for 18 states of `DeterministicOutputIntegrationTest` at a load average of 10 on 2 cores). The
     * timeout only bounds what never gets its readings (a membership race), so it is generous.
     */
    public static final Duration DEFAULT_CONTEXT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A held state waits at most this many {@link #contextTimeout()}s in all, however busy its task's
     * context input is, once that input has been read to its end at least once since the state was held:
     * a bound for a reading that will never come while other triads keep moving. Not on the wall clock
     * alone: behind a restart's backlog a reading can take longer than that to arrive, and evaluating
     * without it made the alert's context differ from an uninterrupted run (the 50,000-event crash run of
     * 2026-12-07).
     */
    public static final int MAX_CONTEXT_HOLD_FACTOR = 10;
    /** The analyzer's default {@code application.id} (as {@code AnalyzerConfig.DEFAULT_APPLICATION_ID}, a module the alerter does not use). */
    public static final String DEFAULT_UPSTREAM_APPLICATION_ID = "triadwatch-analyzer";
    /** Default dashboard base URL. */
    public static final String DEFAULT_DASHBOARD_BASE_URL = "http://localhost:8080";

    public AlerterConfig {
        requireText(applicationId, "applicationId");
        requireText(bootstrapServers, "bootstrapServers");
        requireText(dashboardBaseUrl, "dashboardBaseUrl");
        dashboardBaseUrl = dashboardBaseUrl.replaceAll("/+$", "");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(severity, "severity");
        requirePositive(defaultWindow, "defaultWindow");
        requirePositive(pointAlertHold, "pointAlertHold");
        requirePositive(historyRetention, "historyRetention");
        requirePositive(ruleSweepInterval, "ruleSweepInterval");
        if (contextWait == null || contextWait.isNegative()) {
            throw new IllegalArgumentException("contextWait must be zero or positive, got " + contextWait);
        }
        if (contextTimeout == null || contextTimeout.isNegative()) {
            throw new IllegalArgumentException("contextTimeout must be zero or positive, got " + contextTimeout);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1, got " + streamThreads);
        }
        if (voteSplitMinVotes < 1) {
            throw new IllegalArgumentException("voteSplitMinVotes must be at least 1, got " + voteSplitMinVotes);
        }
        if (contextPartitions < 1) {
            throw new IllegalArgumentException("contextPartitions must be at least 1, got " + contextPartitions);
        }
        if (maxMovesKept < 2) {
            throw new IllegalArgumentException("maxMovesKept must be at least 2, got " + maxMovesKept);
        }
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** @return a builder with every default set and the given bootstrap servers */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return a builder holding this configuration, to change a few values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    /**
     * The topics the alerter reads and writes. Production uses {@link #defaults()}, the registry's
     * names; tests on a shared broker give each run its own.
     *
     * @param dyadState  dyad state, read
     * @param triadState triad state, read
     * @param rules      alert rules, read into a global store
     * @param alerts     alerts, written
     */
    public record TopicNames(String dyadState, String triadState, String rules, String alerts) {
        public TopicNames {
            requireText(dyadState, "topics.dyadState");
            requireText(triadState, "topics.triadState");
            requireText(rules, "topics.rules");
            requireText(alerts, "topics.alerts");
        }

        /** @return the names from {@link Topics} */
        public static TopicNames defaults() {
            return new TopicNames(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name(), Topics.RULES.name(), Topics.ALERTS.name());
        }
    }

    /** Builds an {@link AlerterConfig}; every setter returns the builder. */
    public static final class Builder {
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String bootstrapServers;
        private Path stateDir;
        private int streamThreads = 1;
        private String dashboardBaseUrl = DEFAULT_DASHBOARD_BASE_URL;
        private TopicNames topics = TopicNames.defaults();
        private Duration defaultWindow = Duration.ofDays(90);
        private Duration pointAlertHold = Duration.ofDays(30);
        private int voteSplitMinVotes = 3;
        private SeverityScale severity = SeverityScale.DEFAULT;
        private Duration historyRetention = Duration.ofDays(730);
        private int maxMovesKept = 256;
        private Duration ruleSweepInterval = Duration.ofSeconds(30);
        private Duration contextWait = Duration.ZERO;
        private Duration contextTimeout = DEFAULT_CONTEXT_TIMEOUT;
        private boolean skipQuietStates = true;
        private String upstreamApplicationId = DEFAULT_UPSTREAM_APPLICATION_ID;
        private int contextPartitions = Topics.DYAD_STATE.partitions();
        private Map<String, String> clientProperties = Map.of();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        private Builder(AlerterConfig c) {
            applicationId = c.applicationId;
            bootstrapServers = c.bootstrapServers;
            stateDir = c.stateDir;
            streamThreads = c.streamThreads;
            dashboardBaseUrl = c.dashboardBaseUrl;
            topics = c.topics;
            defaultWindow = c.defaultWindow;
            pointAlertHold = c.pointAlertHold;
            voteSplitMinVotes = c.voteSplitMinVotes;
            severity = c.severity;
            historyRetention = c.historyRetention;
            maxMovesKept = c.maxMovesKept;
            ruleSweepInterval = c.ruleSweepInterval;
            contextWait = c.contextWait;
            contextTimeout = c.contextTimeout;
            skipQuietStates = c.skipQuietStates;
            upstreamApplicationId = c.upstreamApplicationId;
            contextPartitions = c.contextPartitions;
            clientProperties = c.clientProperties;
        }

        /** @param value the {@code application.id} */
        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        /** @param value the {@code bootstrap.servers} */
        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        /** @param value the state directory, or null for the Streams default */
        public Builder stateDir(Path value) {
            stateDir = value;
            return this;
        }

        /** @param value stream threads per instance */
        public Builder streamThreads(int value) {
            streamThreads = value;
            return this;
        }

        /** @param value the dashboard base URL, e.g. {@code https://triadwatch.example.org} */
        public Builder dashboardBaseUrl(String value) {
            dashboardBaseUrl = value;
            return this;
        }

        /** @param value the topic names */
        public Builder topics(TopicNames value) {
            topics = value;
            return this;
        }

        /** @param value the default shift and context window */
        public Builder defaultWindow(Duration value) {
            defaultWindow = value;
            return this;
        }

        /** @param value how long a point alert stays firing without {@code keepFiringFor} */
        public Builder pointAlertHold(Duration value) {
            pointAlertHold = value;
            return this;
        }

        /** @param value earlier shared votes needed before a split counts */
        public Builder voteSplitMinVotes(int value) {
            voteSplitMinVotes = value;
            return this;
        }

        /** @param value the severity scale */
        public Builder severity(SeverityScale value) {
            severity = value;
            return this;
        }

        /** @param value how much event time of history is kept */
        public Builder historyRetention(Duration value) {
            historyRetention = value;
            return this;
        }

        /** @param value the most moves kept per dyad and snapshots per triad */
        public Builder maxMovesKept(int value) {
            maxMovesKept = value;
            return this;
        }

        /** @param value how often alerts of deleted or disabled rules are looked for */
        public Builder ruleSweepInterval(Duration value) {
            ruleSweepInterval = value;
            return this;
        }

        /** @param value how long a dyad state may wait for its triad context ({@code max.task.idle.ms}) */
        public Builder contextWait(Duration value) {
            contextWait = value;
            return this;
        }

        /** @param value how long a dyad state may be held for its triads' readings; zero holds nothing */
        public Builder contextTimeout(Duration value) {
            contextTimeout = value;
            return this;
        }

        /** @param value false to evaluate every rule on every dyad state (see {@link AlerterConfig#skipQuietStates()}) */
        public Builder skipQuietStates(boolean value) {
            skipQuietStates = value;
            return this;
        }

        /** @param value the analyzer's application id, or null to not wait for its backlog ({@link AlerterConfig#upstreamApplicationId()}) */
        public Builder upstreamApplicationId(String value) {
            upstreamApplicationId = value;
            return this;
        }

        /** @param value partitions of the context repartition topic, as the dyad-state topic's ({@link AlerterConfig#contextPartitions()}) */
        public Builder contextPartitions(int value) {
            contextPartitions = value;
            return this;
        }

        /** @param value client properties passed through (SASL, TLS, tuning) */
        public Builder clientProperties(Map<String, String> value) {
            clientProperties = value;
            return this;
        }

        /** @return the configuration, validated */
        public AlerterConfig build() {
            return new AlerterConfig(applicationId, bootstrapServers, stateDir, streamThreads, dashboardBaseUrl, topics,
                    defaultWindow, pointAlertHold, voteSplitMinVotes, severity, historyRetention, maxMovesKept,
                    ruleSweepInterval, contextWait, contextTimeout, skipQuietStates, upstreamApplicationId, contextPartitions,
                    clientProperties);
        }
    }
}
