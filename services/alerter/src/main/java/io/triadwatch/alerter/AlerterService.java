package io.triadwatch.alerter;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.http.ComponentHealth;
import io.triadwatch.streams.BrokerBacklog;
import io.triadwatch.streams.StreamsRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(AlerterService.class);

    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final MeterRegistry registry;
    /** Created on start, once the dyad-state topic's partition count is known; null before. */
    private volatile StreamsRunner runner;
    private boolean closed;
    /** Read by held dyad states before they time out; set on start (nothing is processed before). */
    private volatile BrokerBacklog contextInputs;
    /** The analyzer's own backlog, where readings still to be written wait; null when none is configured. */
    private volatile BrokerBacklog upstream;
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
        this.registry = registry;
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
        if (closed) {
            throw new IllegalStateException("the alerter was closed; create a new one");
        }
        if (runner != null) {
            return;
        }
        contextAdmin = Admin.create(adminProperties(config));
        contextInputs = new BrokerBacklog(contextAdmin, List.of(config.topics().triadState(),
                AlerterTopology.contextRepartitionTopic(config.applicationId())), config.applicationId(), BACKLOG_INTERVAL, BACKLOG_PATIENCE,
                "alerter-context-backlog");
        if (config.upstreamApplicationId() != null) {
            upstream = BrokerBacklog.internalTopicsOf(contextAdmin, config.upstreamApplicationId(), BACKLOG_INTERVAL, BACKLOG_PATIENCE,
                    "alerter-upstream-backlog");
        }
        AlerterConfig resolved = withContextPartitions(config, contextAdmin);
        StreamsRunner r = new StreamsRunner("alerter", AlerterTopology.build(resolved, metrics, this::contextCaughtUp),
                streamsProperties(resolved), registry);
        runner = r;
        r.start();
    }

    /**
     * The configuration with the dyad-state topic's partition count as the context repartition's, read from
     * the broker: a dyad's readings must reach the task of its states. When the broker cannot say (no topic
     * yet), the configured count stands, and Kafka Streams refuses to start if it does not match the topic
     * that exists by then.
     */
    private static AlerterConfig withContextPartitions(AlerterConfig c, Admin admin) {
        String topic = c.topics().dyadState();
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
            return partitions == c.contextPartitions() ? c : c.toBuilder().contextPartitions(partitions).build();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not read the partition count of {} ({}); the triad context is routed over {} partitions", topic, e.getMessage(),
                    c.contextPartitions());
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partition count of " + topic, e);
        }
    }

    /**
     * Whether no triad reading is still on its way: the alerter has read the readings' inputs to their end,
     * and the analyzer has worked off its own repartition topics (the 50,000-event crash run saw held states
     * time out, their readings not yet written, while the analyzer was minutes behind).
     */
    private boolean contextCaughtUp() {
        BrokerBacklog inputs = contextInputs;
        BrokerBacklog analyzer = upstream;
        return (inputs == null || inputs.caughtUp()) && (analyzer == null || analyzer.caughtUp());
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
        StreamsRunner r = runner;
        return r == null ? KafkaStreams.State.CREATED : r.state();
    }

    /** @return true when the application is {@code RUNNING} (its tasks are assigned and restored) */
    public boolean isReady() {
        StreamsRunner r = runner;
        return r != null && r.isRunning();
    }

    /** @return readiness for a health registry: up while running */
    public ComponentHealth health() {
        StreamsRunner r = runner;
        return r == null ? ComponentHealth.down(KafkaStreams.State.CREATED.name()) : r.health();
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
        closed = true;
        StreamsRunner r = runner;
        if (r != null) {
            r.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (contextInputs != null) {
            contextInputs.close();
            contextAdmin.close(Duration.ofSeconds(5));
        }
    }
}
