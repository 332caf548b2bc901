package io.triadwatch.alerter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the alerter topology as a Kafka Streams application: exactly-once (v2), a dead stream thread
 * replaced rather than the application shut down, unreadable input records logged and skipped (Kafka
 * Streams counts them in its {@code dropped-records} metric), and the Kafka Streams metrics bound to
 * the given registry next to the alerter's own. The local state is never wiped on start: state
 * survives restarts and is restored from the changelogs when the directory is gone.
 * <p>
 * Lifecycle: construct, {@link #start()}, poll {@link #state()} for readiness, {@link #close()}.
 */
public final class AlerterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlerterService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final Topology topology;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private boolean closed;

    /**
     * @param config   the configuration
     * @param registry where the alerter's meters and the Kafka Streams meters go
     */
    public AlerterService(AlerterConfig config, MeterRegistry registry) {
        this.config = config;
        this.metrics = new AlerterMetrics(registry);
        this.topology = AlerterTopology.build(config, metrics);
    }

    /**
     * The Kafka Streams properties of a configuration: the alerter's defaults (log-and-continue on
     * unreadable records, {@code max.task.idle.ms} from {@code contextWait}, stream threads, state directory),
     * then the pass-through client properties, which may override those defaults, then what the alerter
     * requires (application id, bootstrap servers, exactly-once v2), which they cannot override.
     *
     * @param config the configuration
     * @return new properties
     */
    public static Properties streamsProperties(AlerterConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(config.contextWait().toMillis()));
        if (config.stateDir() != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        }
        // Changelog and repartition records are verbose: lz4 cuts broker writes several-fold for little CPU.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.putAll(config.clientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /**
     * Starts processing. Idempotent while running.
     *
     * @throws IllegalStateException when the service was closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the alerter service was closed; create a new one");
        }
        if (streams != null) {
            return;
        }
        streams = new KafkaStreams(topology, streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("alerter stream thread died; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> LOG.info("alerter {} -> {}", previous, next));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        streams.start();
        LOG.info("alerter {} started against {}", config.applicationId(), config.bootstrapServers());
    }

    /** @return the Kafka Streams state, {@code CREATED} before {@link #start()} */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** @return true when the application is {@code RUNNING} (its tasks are assigned and restored) */
    public boolean isReady() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** @return the topology this service runs */
    public Topology topology() {
        return topology;
    }

    /** @return the alerter's own meters */
    public AlerterMetrics metrics() {
        return metrics;
    }

    /**
     * Stops processing, committing what was processed, waiting up to 30 seconds, and leaves the consumer
     * group so that other instances (or the next start) take over without waiting for a session timeout.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams == null) {
            return;
        }
        // Leaving the group hands this instance's tasks to the others at once, not after the session timeout.
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("alerter did not stop within {}", CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        LOG.info("alerter {} stopped", config.applicationId());
    }
}
