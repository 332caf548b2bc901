package io.triadwatch.analyzer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.analyzer.query.AnalyzerQueries;
import io.triadwatch.analyzer.query.StreamsStateAccess;
import io.triadwatch.http.ComponentHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyzer as a running service: the topology of {@link AnalyzerTopology} in a
 * {@link KafkaStreams} with exactly-once processing, Micrometer metrics, and the HTTP queries.
 * <p>
 * Life cycle: construct (nothing connects yet), add {@link #queries()} to the HTTP server, then
 * {@link #start(String)} with this instance's {@code host:port} once the server is bound (so that
 * other instances can forward queries to it), and {@link #close()} on shutdown. The queries answer
 * 503 until the streams run. Local state is never wiped on start ({@code cleanUp()} is not called):
 * a restart resumes from the RocksDB stores and their changelogs.
 */
public final class AnalyzerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final AnalyzerConfig config;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final AnalyzerQueries queries;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private KafkaStreamsMetrics streamsMetrics;

    /**
     * @param config   the analyzer's configuration
     * @param kafka    Kafka client properties ({@code bootstrap.servers}, security settings such as
     *                 {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, and optionally
     *                 {@code state.dir}, {@code application.server}, {@code num.stream.threads}...):
     *                 passed to Kafka Streams unchanged, except that {@code application.id} comes
     *                 from {@code config}
     * @param registry where the analyzer's meters and the Kafka Streams metrics go
     */
    public AnalyzerService(AnalyzerConfig config, Map<String, ?> kafka, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.kafka = new HashMap<>(Objects.requireNonNull(kafka, "kafka"));
        this.registry = Objects.requireNonNull(registry, "registry");
        Object server = kafka.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = server == null || server.toString().isBlank() ? null : HostInfo.buildFromEndpoint(server.toString());
        this.queries = new AnalyzerQueries(new StreamsStateAccess(() -> streams, () -> self), DyadReadings.of(config, Clock.systemUTC()));
    }

    /** @return the HTTP queries; add them to the server before it starts */
    public AnalyzerQueries queries() {
        return queries;
    }

    /** Starts with the {@code application.server} given in the Kafka properties, if any. */
    public synchronized void start() {
        start(self == null ? null : self.host() + ":" + self.port());
    }

    /**
     * Starts the streams.
     *
     * @param applicationServer this instance's {@code host:port} for queries forwarded by other
     *                          instances, or null for a single instance
     * @throws IllegalStateException when already started
     */
    public synchronized void start(String applicationServer) {
        if (streams != null) {
            throw new IllegalStateException("the analyzer is already started");
        }
        Properties props = streamsProperties(applicationServer);
        self = applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer);
        KafkaStreams ks = new KafkaStreams(AnalyzerTopology.build(config, registry), props);
        ks.setUncaughtExceptionHandler(replaceThread());
        ks.setStateListener((next, previous) -> LOG.info("analyzer {} -> {}", previous, next));
        streamsMetrics = new KafkaStreamsMetrics(ks);
        streamsMetrics.bindTo(registry);
        streams = ks;
        ks.start();
        LOG.info("analyzer started: application.id={}, processing.guarantee={}, application.server={}",
                props.get(StreamsConfig.APPLICATION_ID_CONFIG), props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), applicationServer);
    }

    /** @return the Kafka Streams properties the service runs with */
    Properties streamsProperties(String applicationServer) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Repartition and changelog records are verbose JSON: lz4 cuts broker writes several-fold for little CPU.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        } else {
            props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        }
        return props;
    }

    private static StreamsUncaughtExceptionHandler replaceThread() {
        return e -> {
            LOG.error("analyzer stream thread failed; replacing it (state is restored from the changelogs)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /** @return the streams state, or {@code CREATED} before start */
    public KafkaStreams.State state() {
        KafkaStreams ks = streams;
        return ks == null ? KafkaStreams.State.CREATED : ks.state();
    }

    /** @return true when every task is running (not rebalancing or restoring) */
    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** @return readiness for a health registry: up while running */
    public ComponentHealth health() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING ? ComponentHealth.up(state.name()) : ComponentHealth.down(state.name());
    }

    /** @return the running streams, or null before start (for metadata and tests) */
    public KafkaStreams streams() {
        return streams;
    }

    /** @return the configuration */
    public AnalyzerConfig config() {
        return config;
    }

    /**
     * Stops the streams (committing what was processed), leaving the consumer group unless the
     * instance is a static member, and unbinds the Streams metrics.
     */
    @Override
    public synchronized void close() {
        KafkaStreams ks = streams;
        if (ks == null) {
            return;
        }
        // Leave the group so that a successor gets the partitions now, not after the session
        // timeout; with static membership (group.instance.id) the member stays for a quick return.
        boolean staticMember = kafka.containsKey("group.instance.id") || kafka.containsKey(StreamsConfig.consumerPrefix("group.instance.id"));
        CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(
                staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!ks.close(options)) {
            LOG.warn("analyzer did not stop within {}", CLOSE_TIMEOUT);
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        streams = null;
    }
}
