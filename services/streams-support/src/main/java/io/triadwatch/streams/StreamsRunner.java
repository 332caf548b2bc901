package io.triadwatch.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.triadwatch.http.ComponentHealth;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams application as a service, the shape the analyzer and the alerter share (in the
 * spirit of streams-bootstrap's {@code StreamsApp}): exactly-once v2, a dead stream thread replaced
 * rather than the application stopped, the Kafka Streams metrics bound to a Micrometer registry,
 * health that is up only while {@code RUNNING}, and a bounded close.
 * <p>
 * Life cycle: construct (nothing connects), {@link #start()} (idempotent while running), poll
 * {@link #state()} or {@link #health()}, {@link #close()} (idempotent; a closed runner cannot start
 * again). Local state is never wiped on start ({@code cleanUp()} is never called): a restart resumes
 * from the RocksDB stores and their changelogs. After an unclean stop under exactly-once, Kafka
 * Streams wipes and restores the stores of the tasks it held (transactional stores, KIP-892, would
 * avoid that; they are off, see {@link #TRIADWATCH_DEFAULTS}).
 * <p>
 * On close the instance leaves the consumer group, so that the others take its tasks at once,
 * unless it is a static member ({@code group.instance.id}): then it stays in the group until its
 * session times out, so that a restart within that time gets its own tasks back without a rebalance.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    /** How long {@link #close()} waits for the stream threads to commit and stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** The internal producers' {@code batch.size} in {@link #TRIADWATCH_DEFAULTS}. */
    public static final int PRODUCER_BATCH_BYTES = 128 * 1024;
    /** The main consumer's {@code fetch.max.wait.ms} in {@link #TRIADWATCH_DEFAULTS}. */
    public static final int FETCH_MAX_WAIT_MS = 100;
    /**
     * What every Triadwatch Streams application sets over the Kafka Streams defaults (an application's
     * own defaults and the client properties may override each):
     * <ul>
     *   <li>lz4 on the internal producers: changelog and repartition records are verbose, and lz4 cuts
     *       broker writes several-fold for little CPU;</li>
     *   <li>{@code batch.size} {@value #PRODUCER_BATCH_BYTES} bytes on the same producers (Kafka's default is 16 KiB): a
     *       dyad state is ~8 KB of JSON, so a default batch held two, and every batch is a request, an append
     *       and an index entry on the broker. In a 60,000-event run (docs/benchmarks.md, session 13) the
     *       analyzer's time fell from 61 to 40 s, the broker's CPU by a third, end to end 575 → 682 events/s.
     *       What the batches can hold stays bounded by {@code buffer.memory} (32 MiB per producer): the ~100
     *       partitions one stream thread writes fill at most 12.5 MiB of it;</li>
     *   <li>{@code fetch.max.wait.ms} {@value #FETCH_MAX_WAIT_MS} ms on the main consumer (the consumer default is 500 ms):
     *       how long the broker may hold a fetch that finds no committed data. Each internal hop (repartition,
     *       state topic) is a fetch by the next stage of data that becomes readable only when the upstream
     *       transaction commits; a held fetch normally returns as soon as the commit markers are written,
     *       and this bounds what a hop can lose when it does not. An idle fetch every {@value #FETCH_MAX_WAIT_MS} ms
     *       costs the broker little. ({@code commit.interval.ms} stays at the exactly-once default of 100 ms:
     *       a shorter one buys latency per hop but costs throughput, each commit being a transaction.)</li>
     *   <li>the same {@value #FETCH_MAX_WAIT_MS} ms on the restore consumer and the global consumer. They
     *       read changelogs and global topics to their end, and a fetch at the end finds nothing and is held
     *       for the whole wait: Kafka Streams' state updater noticed one more restored task about every 500 ms,
     *       so restoring a demo's 25 small tasks after a kill -9 took ~5 s, and the global stores' start-up
     *       (rules, officials, triads) ~1.5 s (docs/reliability.md, "Restart after kill -9");</li>
     *   <li>the processing exception handler for global stores (officials, triads, rules) as for
     *       regular tasks, Kafka Streams 5.0's behaviour opted into now (KIP-1270); with the default
     *       log-and-fail handler a failure still stops the global thread as before. The opt-in removes
     *       the WARN each Streams client otherwise logs at every start; the main consumer gets it too,
     *       because Kafka Streams 4.4 builds the partition assignor's own StreamsConfig from the main
     *       consumer's properties, which would log the same WARN once more per stream thread;</li>
     *   <li>{@link BoundedRocksDBMemory} as {@code rocksdb.config.setter}: one bounded block cache and
     *       memtable budget for all RocksDB stores of the process ({@value BoundedRocksDBMemory#MEMORY_BYTES_CONFIG}),
     *       instead of RocksDB's per-store defaults, which let the off-heap memory grow with partitions and data.</li>
     * </ul>
     */
    // Not among them: transactional state stores (KIP-892, enable.transactional.statestores). They would
    // spare a store its wipe and restore after a kill -9 under exactly-once, but on Kafka Streams 4.4.0
    // a range scan over one (RocksDBTransactionBuffer / StagedMergeIterator) stalled the alerter's
    // deadline scan for minutes (AlerterRestartIntegrationTest hung); a client property can turn them on.
    public static final Map<String, String> TRIADWATCH_DEFAULTS = Map.of(
            StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4",
            StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(PRODUCER_BATCH_BYTES),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), Integer.toString(FETCH_MAX_WAIT_MS),
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), Integer.toString(FETCH_MAX_WAIT_MS),
            StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), Integer.toString(FETCH_MAX_WAIT_MS),
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true",
            StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true",
            StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDBMemory.class.getName());

    private final String name;
    private final Topology topology;
    private final Properties properties;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private boolean closed;

    /**
     * @param name       what the logs and the health call this application, e.g. {@code analyzer}
     * @param topology   the topology to run
     * @param properties the Kafka Streams properties, usually from {@link #properties(String, Map, Map)}
     * @param registry   where the Kafka Streams metrics go
     */
    public StreamsRunner(String name, Topology topology, Properties properties, MeterRegistry registry) {
        this.name = Objects.requireNonNull(name, "name");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.properties = new Properties();
        this.properties.putAll(Objects.requireNonNull(properties, "properties"));
        this.registry = Objects.requireNonNull(registry, "registry");
        if (!this.properties.containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
            throw new IllegalArgumentException(name + ": the Streams properties have no " + StreamsConfig.APPLICATION_ID_CONFIG);
        }
        // A bad bound fails here, at construction, rather than in the stream thread at the first store's open.
        BoundedRocksDBMemory.memoryBytes(this.properties);
    }

    /**
     * The Kafka Streams properties of an application, in three layers: Triadwatch's defaults
     * ({@link #TRIADWATCH_DEFAULTS}), then {@code defaults} (the application's own), then {@code client}
     * (pass-through client and Streams settings: SASL, TLS, {@code state.dir}, standbys, tuning),
     * which may override both; last what every Triadwatch application requires: {@code application.id},
     * and exactly-once v2 unless {@code client} says {@code processing.guarantee=at_least_once} in so
     * many words. That override exists for one purpose, the negative control of the exactly-once crash
     * runs (docs/reliability.md): it shows that the checker sees the duplicates a crash leaves without
     * transactions. It is logged as a WARN at every start; the alerts' audit trail and the
     * deterministic output are not promised under it.
     *
     * @param applicationId the {@code application.id}
     * @param defaults      the application's defaults
     * @param client        pass-through properties
     * @return new properties
     */
    public static Properties properties(String applicationId, Map<String, ?> defaults, Map<String, ?> client) {
        Properties props = new Properties();
        props.putAll(TRIADWATCH_DEFAULTS);
        props.putAll(defaults);
        props.putAll(client);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        if (StreamsConfig.AT_LEAST_ONCE.equals(String.valueOf(client.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)))) {
            LOG.warn("{}: processing.guarantee=at_least_once from the client properties: a crash may apply events twice "
                    + "and write duplicate output (meant for the exactly-once runs' negative control only)", applicationId);
        } else {
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        }
        return props;
    }

    /**
     * Starts the streams. Idempotent while running.
     *
     * @throws IllegalStateException when the runner was closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " was closed; create a new one");
        }
        if (streams != null) {
            return;
        }
        KafkaStreams ks = new KafkaStreams(topology, properties);
        ks.setUncaughtExceptionHandler(e -> onThreadFailure(name, e));
        ks.setStateListener((next, previous) -> LOG.info("{} {} -> {}", name, previous, next));
        streamsMetrics = new KafkaStreamsMetrics(ks);
        streamsMetrics.bindTo(registry);
        streams = ks;
        ks.start();
        LOG.info("{} started: application.id={}, application.server={}, group.instance.id={}, num.standby.replicas={}",
                name, properties.get(StreamsConfig.APPLICATION_ID_CONFIG), properties.get(StreamsConfig.APPLICATION_SERVER_CONFIG),
                groupInstanceId(), properties.getOrDefault(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0));
    }

    /**
     * What a failed stream thread leads to. An authorization failure (a topic, group or
     * transactional id the principal's ACLs do not allow) stops this Streams client with one line
     * naming the refusal, since a replaced thread would fail the same way again and again; anything
     * else replaces the thread, whose tasks restore from the changelogs.
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadFailure(String name, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthorizationException denied) {
                LOG.error("{} stops: the cluster refused its principal an operation ({}: {}); grant the role's ACLs and restart it",
                        name, denied.getClass().getSimpleName(), denied.getMessage());
                LOG.debug("{} authorization failure", name, failure);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        LOG.error("{} stream thread failed; replacing it (its tasks restore from the changelogs)", name, failure);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** @return the Kafka Streams state, {@code CREATED} before {@link #start()} */
    public KafkaStreams.State state() {
        KafkaStreams ks = streams;
        return ks == null ? KafkaStreams.State.CREATED : ks.state();
    }

    /** @return true when every task is assigned and restored ({@code RUNNING}) */
    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** @return readiness for a health registry: up while {@code RUNNING}, the state as detail */
    public ComponentHealth health() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING ? ComponentHealth.up(state.name()) : ComponentHealth.down(state.name());
    }

    /** @return the running streams, or null before start and after close (for queries and metadata) */
    public KafkaStreams streams() {
        return streams;
    }

    /** @return a copy of the properties it runs with */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** @return the topology it runs */
    public Topology topology() {
        return topology;
    }

    /** @return true when {@code group.instance.id} is set (directly or for the main consumer) */
    public boolean isStaticMember() {
        return groupInstanceId() != null;
    }

    private Object groupInstanceId() {
        Object id = properties.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        if (id == null) {
            id = properties.get(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        }
        return id != null ? id : properties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    /**
     * Stops the streams within {@link #CLOSE_TIMEOUT}, committing what was processed, and unbinds
     * the metrics. A dynamic member leaves the group (its tasks move at once); a static member
     * stays (a restart within {@code session.timeout.ms} takes its tasks back without a rebalance).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaStreams ks = streams;
        if (ks == null) {
            return;
        }
        CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(isStaticMember()
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!ks.close(options)) {
            LOG.warn("{} did not stop within {}", name, CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        streams = null;
        LOG.info("{} stopped", name);
    }
}
