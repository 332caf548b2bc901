package io.triadwatch.launcher.demo;

import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * A running demo: broker (embedded unless one is given), topics, every role, reference data and
 * the seed timeline. {@code ./triadwatch demo} runs one until Ctrl-C; end-to-end tests start one
 * on the test broker.
 */
public final class Demo implements AutoCloseable {
    /**
     * The analyzer and the alerter are static members of their groups: restarted within this time,
     * even after a kill -9, they get their tasks back at once instead of waiting for the old member's
     * session to expire (45 s by default, the wait that made a restarted demo slow to be ready).
     */
    static final Duration RESTART_WINDOW = Duration.ofSeconds(30);
    /**
     * The demo's broker heartbeats every second and its controller drops a silent broker after 6 s
     * (Kafka: 2 s and 9 s). After a kill -9 the restarted controller holds the dead broker's session
     * until it expires and refuses the new one ({@code DUPLICATE_BROKER_REGISTRATION}): 10 s of a
     * restart's 21-23 s on an idle machine. A broker is fenced only if six heartbeats in a row go
     * unanswered, which at 2 s apart took three (docs/reliability.md, "Restart after kill -9").
     */
    static final Map<String, Object> BROKER_SESSION = Map.of("broker.heartbeat.interval.ms", 1_000, "broker.session.timeout.ms", 6_000);

    private final EmbeddedKafkaCluster broker;
    private final TriadwatchApp app;
    private final String bootstrapServers;
    private final String token;
    private final Map<String, Object> kafka;
    private final List<String> rules;
    private volatile IngestSummary timeline;
    /** The demo publishes without waiting between events: the analyzer's event-time ordering keeps the story's order. */
    private static final Runnable NO_BARRIER = () -> { };

    private Demo(EmbeddedKafkaCluster broker, TriadwatchApp app, String bootstrapServers, String token, Map<String, Object> kafka,
                 List<String> rules) {
        this.broker = broker;
        this.app = app;
        this.bootstrapServers = bootstrapServers;
        this.token = token;
        this.kafka = kafka;
        this.rules = rules;
    }

    /**
     * Publishes the reference data and the timeline in one burst. The live analyzer releases what
     * reaches it in event-time order whatever the partitions' interleaving (docs/reliability.md,
     * "Deterministic output"), so every dyad still sees the story in its order, as when the demo waited
     * for the analyzer after each event; the same alerts come out, and the first one ~10 s sooner
     * (docs/benchmarks.md). What an earlier run on the same data directory already published is left
     * out ({@link DemoData#publish}).
     *
     * @return what the replay did
     */
    public IngestSummary publishTimeline(Consumer<String> log) {
        IngestSummary summary = DemoData.publish(kafka, app.publisher(), rules, NO_BARRIER, log);
        if (summary.read() > 0) {
            log.accept("demo timeline: " + summary.describe());
        }
        this.timeline = summary;
        return summary;
    }

    /**
     * What a demo needs.
     *
     * @param bootstrapServers an existing cluster, or null for an embedded broker
     * @param kafkaClientProperties extra client properties (security), may be empty
     * @param kafkaPort        the embedded broker's port (0 = any)
     * @param dataDir          where the embedded broker and the Streams state live
     * @param host             HTTP interface
     * @param httpPort         HTTP port (0 = any)
     * @param token            API token for writes
     * @param defaultRules     alert rules to publish
     */
    public record Options(String bootstrapServers, Map<String, Object> kafkaClientProperties, int kafkaPort, Path dataDir,
                          String host, int httpPort, String token, List<String> defaultRules) {
    }

    /**
     * Starts a demo and publishes the timeline before returning; on failure stops what started.
     *
     * @param log receives progress lines
     */
    public static Demo start(Options options, Consumer<String> log) {
        Demo demo = serve(options, log);
        try {
            demo.publishTimeline(log);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /**
     * Starts the broker (unless one is given), the topics and every role, without the timeline;
     * on failure stops what started.
     *
     * @param log receives progress lines
     */
    public static Demo serve(Options options, Consumer<String> log) {
        EmbeddedKafkaCluster broker = null;
        TriadwatchApp app = null;
        try {
            String bootstrap = options.bootstrapServers();
            if (bootstrap == null) {
                broker = EmbeddedKafkaCluster.builder().dataDirectory(options.dataDir().resolve("kafka"))
                        .brokerPort(options.kafkaPort()).brokerProperties(BROKER_SESSION).build().start();
                bootstrap = broker.bootstrapServers();
                // Its first transactional producers and consumer groups would wait for these; now they are made while the roles start.
                broker.createCoordinatorTopics();
                log.accept("Kafka: embedded KRaft broker on " + bootstrap + " (data in " + options.dataDir().resolve("kafka") + ")");
            }
            Map<String, Object> kafka = new HashMap<>(options.kafkaClientProperties());
            kafka.put("bootstrap.servers", bootstrap);
            ensureTopics(kafka, log);
            app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.ALL), kafka, options.host(), options.httpPort(), options.token(),
                    options.dataDir().resolve("streams"), null, null, null, null, null, streamsSettings(broker != null)));
            return new Demo(broker, app, bootstrap, options.token(), kafka, options.defaultRules());
        } catch (RuntimeException e) {
            if (app != null) {
                app.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /**
     * With its own broker the demo is the only instance and outlives a kill -9 on its data directory:
     * static membership. On a given cluster it stays a dynamic member that leaves on close, so that
     * whatever runs there next with the same application ids never waits for it.
     */
    private static Map<String, Object> streamsSettings(boolean ownBroker) {
        return ownBroker ? AppConfig.failover(0, AppConfig.instanceName("demo"), RESTART_WINDOW) : Map.of();
    }

    private static void ensureTopics(Map<String, Object> kafka, Consumer<String> log) {
        try (Admin admin = Admin.create(kafka)) {
            short rf = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            TopicAdmin.TopicReport report = new TopicAdmin(admin).ensure(Topics.ALL, rf);
            if (!report.created().isEmpty()) {
                log.accept("created topics (replication " + rf + "): " + String.join(", ", report.created()));
            }
            report.problems().forEach(p -> log.accept("topic problem: " + p));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.get("bootstrap.servers") + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return where Kafka is */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the HTTP port bound */
    public int httpPort() {
        return app.httpPort();
    }

    /** @return the API token */
    public String token() {
        return token;
    }

    /** @return what replaying the timeline did, or null before it finished */
    public IngestSummary timeline() {
        return timeline;
    }

    /** @return the running process (metrics, health) */
    public TriadwatchApp app() {
        return app;
    }

    @Override
    public void close() {
        app.close();
        if (broker != null) {
            broker.close();
        }
    }
}
