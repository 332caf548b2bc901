package io.triadwatch.launcher.app;

import io.triadwatch.analyzer.AnalyzerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a Triadwatch process needs to start its roles.
 *
 * @param roles           what to run (expanded: never contains {@link Role#ALL})
 * @param kafka           Kafka client properties shared by every client
 * @param httpHost        interface of the HTTP server
 * @param httpPort        port of the HTTP server, 0 for any
 * @param apiToken        bearer token for writes
 * @param stateDir        Kafka Streams state directory
 * @param publicUrl       the dashboard's base URL, used in alert links; null for {@code http://} + the bound address
 * @param alertmanagerUrl Alertmanager base URL to push alerts to, or null
 * @param webhookUrl      webhook to post alerts to, or null
 * @param advertisedHost  the host other instances reach this one at (query routing), or null for
 *                        the bound interface, or this machine's name when bound to all interfaces
 * @param grace           the analyzer's grace period: an impulse more than this behind its dyad's
 *                        newest event time is dead-lettered as {@code LATE}
 * @param streams         Kafka Streams settings of this instance for the analyzer and the alerter only
 *                        (not the other clients): standbys, static membership, session timeout; see
 *                        {@link #failover(int, String, Duration)}
 * @param singleOrder     true for a backtest: every internal repartition topic of the analyzer has one
 *                        partition (with one-partition input topics, each stage is one task), so two
 *                        runs of the same input process it in the same order and give the same alerts
 * @param historyPoints   history points the analyzer keeps per dyad, 0 for its default
 *                        ({@link #DEFAULT_HISTORY_POINTS}); they answer the history query and make late
 *                        events exact, so fewer save disk at the cost of both (README, "Configuration")
 */
public record AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                        Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl, String advertisedHost, Duration grace,
                        Map<String, Object> streams, boolean singleOrder, int historyPoints) {
    /** The analyzer's default grace period. */
    public static final Duration DEFAULT_GRACE = AnalyzerConfig.defaults().grace();
    /** The analyzer's default history points per dyad. */
    public static final int DEFAULT_HISTORY_POINTS = AnalyzerConfig.defaults().historyPointsKept();

    public AppConfig {
        roles = Role.expand(roles);
        kafka = Map.copyOf(kafka);
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(stateDir, "stateDir");
        grace = grace == null ? DEFAULT_GRACE : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        streams = streams == null ? Map.of() : Map.copyOf(streams);
        if (historyPoints < 0) {
            throw new IllegalArgumentException("history points must be 1 or more (0 for the default), got " + historyPoints);
        }
        historyPoints = historyPoints == 0 ? DEFAULT_HISTORY_POINTS : historyPoints;
    }

    /** A config with the analyzer's default history points per dyad. */
    public AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                     Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl, String advertisedHost, Duration grace,
                     Map<String, Object> streams, boolean singleOrder) {
        this(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, advertisedHost, grace, streams, singleOrder, 0);
    }

    /**
     * @param points history points the analyzer keeps per dyad, 1 or more
     * @return a copy keeping {@code points} history points per dyad
     */
    public AppConfig withHistoryPoints(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("history points must be 1 or more, got " + points);
        }
        return new AppConfig(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, advertisedHost, grace,
                streams, singleOrder, points);
    }

    /** @return the analyzer's configuration for this process: its grace period and history bound over the defaults */
    public AnalyzerConfig analyzer() {
        return AnalyzerConfig.defaults().withApplicationId(AnalyzerConfig.DEFAULT_APPLICATION_ID).withGrace(grace).withHistoryPointsKept(historyPoints);
    }

    /** A live config: internal topics with their usual partition counts. */
    public AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                     Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl, String advertisedHost, Duration grace,
                     Map<String, Object> streams) {
        this(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, advertisedHost, grace, streams, false);
    }

    /** A config without instance-specific Streams settings (one instance: no standbys, dynamic membership). */
    public AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                     Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl, String advertisedHost, Duration grace) {
        this(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, advertisedHost, grace, Map.of());
    }

    /**
     * The Streams settings of an instance that shares the work with others and must keep answering
     * when one of them dies: {@code num.standby.replicas}, static membership ({@code group.instance.id}
     * = the instance name; Kafka Streams appends the thread index) and the session timeout, which is
     * how long a dead static member keeps its tasks (queries are answered from standbys meanwhile)
     * and how long a restart may take without a rebalance.
     *
     * @param standbys       standby replicas per stateful task, 0 or more
     * @param instanceName   a name stable across restarts and unique per instance ({@code [A-Za-z0-9._-]+}),
     *                       or null for dynamic membership
     * @param sessionTimeout the consumer session timeout
     * @return the settings, for {@code streams}
     */
    public static Map<String, Object> failover(int standbys, String instanceName, Duration sessionTimeout) {
        if (standbys < 0) {
            throw new IllegalArgumentException("standby replicas must be 0 or more, got " + standbys);
        }
        Map<String, Object> streams = new java.util.HashMap<>();
        streams.put("num.standby.replicas", Integer.toString(standbys));
        streams.put("session.timeout.ms", Long.toString(sessionTimeout.toMillis()));
        if (instanceName != null) {
            if (!instanceName.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("instance name must be [A-Za-z0-9._-]+, got '" + instanceName + "'");
            }
            streams.put("group.instance.id", instanceName);
        }
        return streams;
    }

    /**
     * A static-membership name for an instance on this machine: the machine's name (characters
     * outside {@code [A-Za-z0-9._-]} replaced) and {@code suffix}; stable across restarts.
     *
     * @param suffix what tells instances on one machine apart (a port, a role), {@code [A-Za-z0-9._-]+}
     * @return e.g. {@code myhost-8080}
     */
    public static String instanceName(String suffix) {
        String machine;
        try {
            machine = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            machine = "localhost";
        }
        return machine.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + suffix;
    }

    /** A config that advertises the bound interface (or this machine's name) for query routing. */
    public AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                     Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl) {
        this(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, null, null);
    }
}
