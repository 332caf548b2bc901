package io.triadwatch.launcher.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpRoutes;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.http.Metrics;
import io.triadwatch.ingest.http.IngestRoutes;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.RecentIds;
import io.triadwatch.streams.CatchUp;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.kafka.clients.admin.Admin;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Triadwatch process: the roles of its {@link AppConfig}, one metrics registry, one
 * health registry and one HTTP server. Closing it stops everything in reverse start order.
 */
public final class TriadwatchApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TriadwatchApp.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private final PrometheusMeterRegistry registry = Metrics.newRegistry();
    private final HealthRegistry health = new HealthRegistry();
    private static final java.util.Set<String> DEAD = java.util.Set.of("ERROR", "PENDING_ERROR", "NOT_RUNNING", "PENDING_SHUTDOWN");
    private static final List<String> ANALYZER_INPUTS = List.of(Topics.EVENTS.name());
    private final java.util.Map<String, java.util.function.Supplier<String>> streamsStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final AppConfig config;
    private EventPublisher publisher;
    private Admin admin;
    private HttpServer http;

    private TriadwatchApp(AppConfig config) {
        this.config = config;
    }

    /**
     * Starts every role of {@code config}; on failure, stops what had started and rethrows.
     *
     * @return the running process
     */
    public static TriadwatchApp start(AppConfig config) {
        TriadwatchApp app = new TriadwatchApp(config);
        try {
            app.startRoles();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startRoles() {
        KafkaHealth kafkaHealth = remember(new KafkaHealth(config.kafka()));
        health.register("kafka", kafkaHealth, true);
        List<HttpRoutes> routes = new ArrayList<>();
        if (config.roles().contains(Role.INGEST)) {
            routes.add(new IngestRoutes(publisher()));
        }
        List<Consumer<String>> startAfterHttp = new ArrayList<>();
        StreamsRoles.prepare(config, registry, health, routes, this::remember, startAfterHttp::add, streamsStates::put);
        if (config.roles().contains(Role.API)) {
            ApiRole.start(config, registry, health, routes, this::remember, closeFirst::add);
        }
        http = remember(HttpServer.start(new HttpServerConfig(config.httpHost(), config.httpPort(), config.apiToken(),
                HttpServerConfig.DEFAULT_MAX_BODY_BYTES), registry, health, routes));
        String self = (config.advertisedHost() != null ? config.advertisedHost() : advertisedHost(config.httpHost())) + ":" + http.port();
        startAfterHttp.forEach(start -> start.accept(self));
    }

    /** The host other instances reach this one at: the bound interface, or this machine's name for a wildcard. */
    private static String advertisedHost(String httpHost) {
        if (!"0.0.0.0".equals(httpHost) && !"::".equals(httpHost)) {
            return httpHost;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private <T extends AutoCloseable> T remember(T closeable) {
        started.push(closeable);
        return closeable;
    }

    /** @return the HTTP port bound */
    public int httpPort() {
        return http.port();
    }

    /**
     * @return the process's event publisher (the ingest role's; the demo and replay use it to publish
     *         their input), created on first use: a role that publishes nothing has no producer, so it
     *         needs no write permission on a cluster with ACLs
     */
    public synchronized EventPublisher publisher() {
        if (publisher == null) {
            publisher = remember(new EventPublisher(config.kafka(), registry, RecentIds.DEFAULT_CAPACITY));
        }
        return publisher;
    }

    /**
     * @return why a Streams role can no longer process (it is in ERROR, or not running although it
     *         was started), or null while every started Streams role can
     */
    public String streamsFailure() {
        return streamsStates.entrySet().stream()
                .filter(e -> DEAD.contains(e.getValue().get()))
                .map(e -> e.getKey() + " is " + e.getValue().get())
                .findFirst().orElse(null);
    }

    /**
     * Blocks until this process's analyzer has processed everything on its inputs (exactly: its
     * committed offsets reach the end of the events topic and of its repartition topics). In a
     * backtest ({@link AppConfig#singleOrder()}) also until the coded buckets its intake held open
     * have reached the dyad stage ({@link AnalyzerCatchUp}): that is where a backtest's combining is
     * decided, so two runs combine alike. Live, until this process's ordering stages hold nothing
     * ({@link AnalyzerCatchUp#awaitDrained}): the last events wait there until their intake tasks
     * say they are idle, about a second after the inputs stop.
     *
     * @param progress receives a line every two seconds while waiting
     * @throws IllegalStateException when it does not within {@code timeout}, or a Streams role died
     */
    public void awaitAnalyzed(Duration timeout, Consumer<String> progress) throws InterruptedException {
        CatchUp catchUp = new CatchUp(admin(), progress);
        if (config.singleOrder()) {
            AnalyzerCatchUp.await(catchUp, AnalyzerConfig.DEFAULT_APPLICATION_ID, ANALYZER_INPUTS, timeout, this::streamsFailure, registry);
        } else {
            AnalyzerCatchUp.awaitDrained(catchUp, AnalyzerConfig.DEFAULT_APPLICATION_ID, ANALYZER_INPUTS, timeout, this::streamsFailure, registry);
        }
    }

    /**
     * The barrier between two paced events: like {@link #awaitAnalyzed} in a backtest; live, only
     * until the analyzer has read everything sent. The event-time ordering applies a live event once
     * its intake task goes idle, a second later; waiting for that after every demo event would add a
     * second per event, and the ordering already applies them in their order.
     */
    public void awaitPaced(Duration timeout) throws InterruptedException {
        if (config.singleOrder()) {
            awaitAnalyzed(timeout, line -> { });
        } else {
            new CatchUp(admin(), line -> { }).await(AnalyzerConfig.DEFAULT_APPLICATION_ID, ANALYZER_INPUTS, timeout, this::streamsFailure);
        }
    }

    /**
     * Like {@link #awaitAnalyzed}, for the alerter and its inputs (dyad and triad state): its consumer
     * group caught up, and no dyad state of this process's alerter held for its triad readings.
     */
    public void awaitAlerted(Duration timeout, Consumer<String> progress) throws InterruptedException {
        new CatchUp(admin(), progress).await(AlerterConfig.DEFAULT_APPLICATION_ID,
                List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()), timeout, this::streamsFailure,
                () -> AlerterMetrics.drained(registry));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = remember(Admin.create(config.kafka()));
        }
        return admin;
    }

    /** @return the process's metrics registry */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @return the process's health registry */
    public HealthRegistry health() {
        return health;
    }

    @Override
    public void close() {
        closeFirst.forEach(TriadwatchApp::closeQuietly);
        closeFirst.clear();
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
