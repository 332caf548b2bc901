package io.triadwatch.analyzer;

import java.time.Duration;
import io.triadwatch.analyzer.order.SourceBacklog;
import io.triadwatch.analyzer.order.BrokerSourceBacklog;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.analyzer.query.AnalyzerQueries;
import io.triadwatch.analyzer.query.StreamsStateAccess;
import io.triadwatch.http.ComponentHealth;
import io.triadwatch.streams.StreamsRunner;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The analyzer as a running service: the topology of {@link AnalyzerTopology} in a
 * {@link StreamsRunner} (exactly-once v2, threads replaced, metrics bound, bounded close that a
 * static member survives), and the HTTP queries.
 * <p>
 * Life cycle: construct (nothing connects yet), add {@link #queries()} to the HTTP server, then
 * {@link #start(String)} with this instance's {@code host:port} once the server is bound (so that
 * other instances can forward queries to it), and {@link #close()} on shutdown. The queries answer
 * 503 until the streams run. Local state is never wiped on start ({@code cleanUp()} is not called):
 * a restart resumes from the RocksDB stores and their changelogs.
 */
public final class AnalyzerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerService.class);
    private final AnalyzerConfig config;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final AnalyzerQueries queries;
    private volatile StreamsRunner runner;
    private volatile HostInfo self;
    private boolean closed;
    private BrokerSourceBacklog backlog;
    private Admin backlogAdmin;
    /** How often the intake tasks' backlog is read from the broker: a few times per idle timeout. */
    private static final Duration BACKLOG_INTERVAL = Duration.ofMillis(250);
    /** How long a broker that cannot be read may keep the intake tasks from saying idle. */
    private static final Duration BACKLOG_PATIENCE = Duration.ofSeconds(60);

    /**
     * @param config   the analyzer's configuration
     * @param kafka    Kafka client properties ({@code bootstrap.servers}, security settings such as
     *                 {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, and optionally
     *                 {@code state.dir}, {@code application.server}, {@code num.stream.threads},
     *                 {@code num.standby.replicas}, {@code group.instance.id}...): passed to Kafka
     *                 Streams unchanged, except that {@code application.id} comes from {@code config}
     *                 and exactly-once v2 is always on
     * @param registry where the analyzer's meters and the Kafka Streams metrics go
     */
    public AnalyzerService(AnalyzerConfig config, Map<String, ?> kafka, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.kafka = new HashMap<>(Objects.requireNonNull(kafka, "kafka"));
        this.registry = Objects.requireNonNull(registry, "registry");
        Object server = kafka.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = server == null || server.toString().isBlank() ? null : HostInfo.buildFromEndpoint(server.toString());
        this.queries = new AnalyzerQueries(new StreamsStateAccess(this::streams, () -> self, Map.of(
                AnalyzerStores.DYAD_STATE, config.dyadPartitions(), AnalyzerStores.DYAD_HISTORY, config.dyadPartitions(),
                AnalyzerStores.TRIAD_STATE, config.triadPartitions())), DyadReadings.of(config, Clock.systemUTC()));
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
     * Starts the streams. Idempotent while running (a second call changes nothing).
     *
     * @param applicationServer this instance's {@code host:port} for queries forwarded by other
     *                          instances, or null for a single instance
     * @throws IllegalStateException when the service was closed
     */
    public synchronized void start(String applicationServer) {
        if (closed) {
            throw new IllegalStateException("the analyzer was closed; create a new one");
        }
        if (runner != null) {
            return;
        }
        self = applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer);
        StreamsRunner r = new StreamsRunner("analyzer", AnalyzerTopology.build(withBacklog(withKnownSources(config)), registry),
                streamsProperties(applicationServer), registry);
        runner = r;
        r.start();
    }

    /**
     * With event-time ordering on and the number of intake tasks not configured, reads the events
     * topic's partition count: the dyad stage must wait for every intake task from the start, or one
     * task's early watermark would release inputs before another task's earlier ones have arrived.
     * When the broker cannot say (no topic yet), the dyad stage waits for the tasks that have reported.
     */
    private AnalyzerConfig withKnownSources(AnalyzerConfig c) {
        if (!c.order().enabled() || c.order().sources() > 0) {
            return c;
        }
        try (Admin client = Admin.create(adminProperties())) {
            int partitions = client.describeTopics(List.of(c.topics().events())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(c.topics().events()).partitions().size();
            return c.withOrder(c.order().withSources(partitions));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not read the partition count of {} ({}); the dyad stage waits for the intake tasks that have reported",
                    c.topics().events(), e.getMessage());
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partition count of " + c.topics().events(), e);
        }
    }

    /**
     * With event-time ordering on and no backlog check configured, reads the events partitions' end
     * offsets from the broker so that an intake task says idle only once it has read its partition to
     * the end ({@link BrokerSourceBacklog}): after a restart the tasks fetch their backlog late, and
     * an idle mark sent before would let it arrive behind inputs already released.
     */
    private AnalyzerConfig withBacklog(AnalyzerConfig c) {
        if (!c.order().enabled() || c.order().backlog() != SourceBacklog.NONE) {
            return c;
        }
        backlogAdmin = Admin.create(adminProperties());
        backlog = new BrokerSourceBacklog(backlogAdmin, c.topics().events(), c.applicationId(), BACKLOG_INTERVAL, BACKLOG_PATIENCE);
        return c.withOrder(c.order().withBacklog(backlog));
    }

    private Map<String, Object> adminProperties() {
        Map<String, Object> admin = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        return admin;
    }

    /** @return the Kafka Streams properties the service runs with */
    Properties streamsProperties(String applicationServer) {
        Map<String, Object> client = new HashMap<>(kafka);
        client.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (applicationServer != null) {
            client.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return StreamsRunner.properties(config.applicationId(), Map.of(), client);
    }

    /** @return the streams state, or {@code CREATED} before start */
    public KafkaStreams.State state() {
        StreamsRunner r = runner;
        return r == null ? KafkaStreams.State.CREATED : r.state();
    }

    /** @return true when every task is running (not rebalancing or restoring) */
    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** @return readiness for a health registry: up while running */
    public ComponentHealth health() {
        StreamsRunner r = runner;
        return r == null ? ComponentHealth.down(KafkaStreams.State.CREATED.name()) : r.health();
    }

    /** @return the running streams, or null before start and after close (for metadata and tests) */
    public KafkaStreams streams() {
        StreamsRunner r = runner;
        return r == null ? null : r.streams();
    }

    /** @return the configuration */
    public AnalyzerConfig config() {
        return config;
    }

    /**
     * Stops the streams (committing what was processed), leaving the consumer group unless the
     * instance is a static member, and unbinds the Streams metrics. Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        StreamsRunner r = runner;
        if (r != null) {
            r.close();
        }
        if (backlog != null) {
            backlog.close();
            backlogAdmin.close(Duration.ofSeconds(5));
        }
    }
}
