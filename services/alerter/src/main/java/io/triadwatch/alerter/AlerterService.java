package io.triadwatch.alerter;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.http.ComponentHealth;
import io.triadwatch.streams.StreamsRunner;
import io.triadwatch.streams.BrokerBacklog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Runs the alerter topology as a Kafka Streams application in a {@link StreamsRunner}: exactly-once
 * (v2), a dead stream thread replaced rather than the application shut down, unreadable input records
 * logged and skipped (Kafka Streams counts them in its {@code dropped-records} metric), and the Kafka
 * Streams metrics bound to the given registry next to the alerter's own. The local state is never
 * wiped on start: state survives restarts and is restored from the changelogs when the directory is gone.
 * <p>
 * Lifecycle: construct, {@link #start()} (idempotent while running), poll {@link #state()} or
 * {@link #health()} for readiness, {@link #close()}.
 */
public final class AlerterService implements AutoCloseable {
    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final StreamsRunner runner;
    /** Read by held dyad states before they time out; set on start (nothing is processed before). */
    private volatile BrokerBacklog contextInputs;
    private Admin contextAdmin;
    /** How often the readings' inputs are read from the broker: a few times per second. */
    private static final Duration BACKLOG_INTERVAL = Duration.ofMillis(250);
    /** How long a broker that cannot be read may keep held states from timing out (the hard bound still applies). */
    private static final Duration BACKLOG_PATIENCE = Duration.ofSeconds(60);

    /**
     * @param config   the configuration
     * @param registry where the alerter's meters and the Kafka Streams meters go
     */
    public AlerterService(AlerterConfig config, MeterRegistry registry) {
        this.config = config;
        this.metrics = new AlerterMetrics(registry);
        this.runner = new StreamsRunner("alerter", AlerterTopology.build(config, metrics, this::contextCaughtUp), streamsProperties(config),
                registry);
    }

    /**
     * The Kafka Streams properties of a configuration: the alerter's defaults (log-and-continue on
     * unreadable records, {@code max.task.idle.ms} from {@code contextWait}, stream threads, state directory),
     * then the pass-through client properties, which may override those defaults, then what every
     * Triadwatch application requires (application id, exactly-once v2) and the bootstrap servers,
     * which they cannot override ({@link StreamsRunner#properties}).
     *
     * @param config the configuration
     * @return new properties
     */
    public static Properties streamsProperties(AlerterConfig config) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(config.contextWait().toMillis()));
        if (config.stateDir() != null) {
            defaults.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        }
        Map<String, Object> client = new HashMap<>(config.clientProperties());
        client.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return StreamsRunner.properties(config.applicationId(), defaults, client);
    }

    /**
     * Starts processing. Idempotent while running.
     *
     * @throws IllegalStateException when the service was closed
     */
    public synchronized void start() {
        if (contextInputs == null) {
            contextAdmin = Admin.create(adminProperties(config));
            contextInputs = new BrokerBacklog(contextAdmin, List.of(config.topics().triadState(),
                    AlerterTopology.contextRepartitionTopic(config.applicationId())), config.applicationId(), BACKLOG_INTERVAL, BACKLOG_PATIENCE,
                    "alerter-context-backlog");
        }
        runner.start();
    }

    private boolean contextCaughtUp() {
        BrokerBacklog inputs = contextInputs;
        return inputs == null || inputs.caughtUp();
    }

    private static Map<String, Object> adminProperties(AlerterConfig config) {
        Map<String, Object> admin = new HashMap<>();
        config.clientProperties().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return admin;
    }

    /** @return the Kafka Streams state, {@code CREATED} before {@link #start()} */
    public KafkaStreams.State state() {
        return runner.state();
    }

    /** @return true when the application is {@code RUNNING} (its tasks are assigned and restored) */
    public boolean isReady() {
        return runner.isRunning();
    }

    /** @return readiness for a health registry: up while running */
    public ComponentHealth health() {
        return runner.health();
    }

    /** @return the topology this service runs */
    public Topology topology() {
        return runner.topology();
    }

    /** @return the alerter's own meters */
    public AlerterMetrics metrics() {
        return metrics;
    }

    /**
     * Stops processing, committing what was processed, waiting up to 30 seconds; leaves the consumer
     * group so that other instances take over at once, unless it is a static member. Idempotent.
     */
    @Override
    public synchronized void close() {
        runner.close();
        if (contextInputs != null) {
            contextInputs.close();
            contextAdmin.close(Duration.ofSeconds(5));
        }
    }
}
