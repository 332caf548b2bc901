package io.triadwatch.kafka.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka cluster in KRaft mode that runs inside the current JVM.
 * <p>
 * The cluster is built on {@code kafka.server.KafkaRaftServer}, the same server class that
 * {@code kafka-server-start.sh} runs, with node storage formatted as {@code kafka-storage.sh format}
 * would. Every listener binds to {@code 127.0.0.1} only. A cluster is configured for small,
 * single-machine use: no automatic topic creation, no initial rebalance delay, internal topics
 * (consumer offsets, transaction state, share-group state) with a replication factor and min ISR
 * that fit the number of brokers, so transactions and exactly-once Kafka Streams work on a single
 * broker, 1 MiB log segments, and no time-based retention.
 * <p>
 * Typical use:
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
 *         .dataDirectory(Path.of("data/kafka"))
 *         .brokerPort(9092)
 *         .build()
 *         .start()) {
 *     Properties props = new Properties();
 *     props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 * A cluster is started at most once; to restart on the same data directory, build a new instance
 * with the same {@link Builder#dataDirectory(Path) data directory} and {@link Topology}. Storage is
 * formatted only if it is not formatted yet, so the data survives restarts. Starting a cluster
 * installs the {@link KafkaExitGuard}, so a broker fault cannot end the JVM.
 * <p>
 * {@link Builder#saslSsl(SaslSsl)} secures the client listener (SASL_SSL, SCRAM-SHA-512, ACLs enforced
 * by the {@code StandardAuthorizer}), for tests of least-privilege clients.
 * <p>
 * One broker of a running cluster can be {@link #stopBroker(int) stopped} and
 * {@link #restartBroker(int) restarted} on its own ports and data, as an operator bounces a broker
 * (Kafka's {@code streams_broker_bounce_test.py} does this to partition leaders under load).
 * <p>
 * This class is thread safe.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final int BIND_ATTEMPTS = 3;

    private enum State { CREATED, RUNNING, CLOSED }

    private final Path dataDirectory;
    private final boolean temporaryDirectory;
    private final int brokerPort;
    private final Topology topology;
    private final Map<String, String> extraProperties;
    private final Duration startupTimeout;
    private final SaslSsl security;

    private State state = State.CREATED;
    private List<KafkaNode> controllers = List.of();
    private List<KafkaNode> brokers = List.of();
    private final Set<Integer> stoppedBrokers = new HashSet<>();
    private Path directory;
    private String bootstrapServers;
    private String clusterId;
    private SelfSignedTls tls;

    private EmbeddedKafkaCluster(final Builder builder) {
        this.temporaryDirectory = builder.dataDirectory == null;
        this.dataDirectory = temporaryDirectory ? null : builder.dataDirectory.toAbsolutePath();
        this.brokerPort = builder.brokerPort;
        this.topology = builder.topology;
        this.extraProperties = Map.copyOf(builder.properties);
        this.startupTimeout = builder.startupTimeout;
        this.security = builder.security;
    }

    /**
     * Returns a builder for a cluster with the default settings: a temporary data directory that is
     * deleted on {@link #close()}, a free broker port and the {@link Topology#combined() combined} topology.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats storage where needed, starts every node and waits until all brokers accept requests.
     * <p>
     * This method returns once an {@code Admin#describeCluster} call through
     * {@link #bootstrapServers()} lists every broker of the {@link Topology}.
     *
     * @return this cluster, for chaining
     * @throws IllegalStateException if the cluster was started before, if the configured broker
     *                               port is in use, or if the cluster did not come up within the
     *                               startup timeout; the cluster is closed in that case
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("An EmbeddedKafkaCluster can be started only once; it is " + state);
        }
        KafkaExitGuard.install();
        final long startNanos = System.nanoTime();
        if (brokerPort != 0) {
            LoopbackPorts.requireFree(brokerPort, "broker");
        }
        directory = temporaryDirectory ? DataDirectories.createTemporary()
                : DataDirectories.ensureExists(dataDirectory);
        DataDirectories.requireMatchingNodes(directory, topology);
        if (security != null) {
            tls = SelfSignedTls.create(directory.resolve("tls"));
        }
        startNodes();
        state = State.RUNNING;
        LOG.info("Embedded Kafka ({}, {} broker(s)) started at {} in {} ms, data in {}", topology,
                topology.brokerCount(), bootstrapServers, (System.nanoTime() - startNanos) / 1_000_000, directory);
        return this;
    }

    private void startNodes() {
        final int attempts = brokerPort == 0 ? BIND_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                return;
            } catch (RuntimeException e) {
                stopNodes();
                if (attempt < attempts && LoopbackPorts.isBindFailure(e)) {
                    LOG.info("A port picked for the embedded Kafka was taken meanwhile; retrying with new ports");
                    continue;
                }
                state = State.CLOSED;
                deleteIfTemporary();
                throw failure(e);
            }
        }
    }

    private void startOnce() {
        final ClusterPlan plan = ClusterPlan.of(topology, directory, brokerPort);
        clusterId = StorageFormatter.formatIfNeeded(plan.nodes(), security);
        final long timeoutMs = startupTimeout.toMillis();
        controllers = new ArrayList<>();
        brokers = new ArrayList<>();
        for (NodePlan node : plan.nodes()) {
            final KafkaNode server = KafkaNode.create(node,
                    NodeConfigs.forNode(node, plan.controller(), topology, extraProperties, timeoutMs, security, tls));
            (node.broker() ? brokers : controllers).add(server);
        }
        controllers.forEach(KafkaNode::startup);
        Parallel.run("embedded-kafka-start-", brokers, KafkaNode::startup);
        bootstrapServers = brokers.stream().map(b -> b.plan().brokerAddress()).collect(Collectors.joining(","));
        ClusterReadiness.awaitBrokers(bootstrapServers, securityProperties(), topology.brokerCount(), startupTimeout);
    }

    private RuntimeException failure(final RuntimeException e) {
        if (brokerPort != 0 && LoopbackPorts.isBindFailure(e)) {
            return new IllegalStateException("Cannot start the embedded Kafka broker on " + LoopbackPorts.HOST + ":"
                    + brokerPort + ": port " + brokerPort + " is already in use", e);
        }
        return e instanceof IllegalStateException ? e
                : new IllegalStateException("Embedded Kafka (" + topology + ") failed to start: " + e.getMessage(), e);
    }

    /**
     * Returns the {@code bootstrap.servers} value for clients: every broker as {@code 127.0.0.1:port}.
     *
     * @return the comma-separated broker addresses
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized String bootstrapServers() {
        requireRunning();
        return bootstrapServers;
    }

    /**
     * Returns what an administrator's client needs: {@code bootstrap.servers} and, for a
     * {@link Builder#saslSsl(SaslSsl) secured} cluster, the super user's SASL_SSL settings (which may do
     * anything, ACLs or not).
     *
     * @return a new, modifiable map of client properties
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized Map<String, Object> clientProperties() {
        requireRunning();
        final Map<String, Object> props = new LinkedHashMap<>(securityProperties());
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /**
     * Returns the client properties of a SCRAM user of a {@link Builder#saslSsl(SaslSsl) secured}
     * cluster: {@code bootstrap.servers}, {@code SASL_SSL}, {@code SCRAM-SHA-512}, the user's JAAS
     * line and the cluster's certificate as trust store. What the user may do is up to its ACLs.
     *
     * @param user     the SCRAM user name
     * @param password its password
     * @return a new, modifiable map of client properties
     * @throws IllegalStateException if the cluster is not running or not secured
     */
    public synchronized Map<String, Object> clientProperties(final String user, final String password) {
        requireSecured();
        final Map<String, Object> props = new LinkedHashMap<>(SaslSsl.clientProperties(user, password, tls.certificate()));
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /**
     * Creates or replaces the SCRAM-SHA-512 credential of {@code user} on a
     * {@link Builder#saslSsl(SaslSsl) secured} cluster ({@code Admin#alterUserScramCredentials}), and
     * returns once a client can log in as the user. The user may do nothing until ACLs allow it.
     *
     * @param user     the user name
     * @param password its password
     * @throws IllegalStateException if the cluster is not running or not secured, or the change failed
     */
    public void createScramUser(final String user, final String password) {
        requireSecured();
        ScramUsers.create(clientProperties(), clientProperties(user, password), user, password, startupTimeout);
    }

    /**
     * Has the cluster create its transaction-state and consumer-offsets topics now, in the background,
     * instead of on its first transactional producer's and consumer group's request, which then wait
     * for them (about 2 s on a fresh demo). Nothing else changes: Kafka creates the same topics with the
     * same settings either way.
     *
     * @return completes once a transaction and a group coordinator answered; exceptionally, after a
     *         WARN, if they did not within a minute (the cluster still creates the topics on first use)
     * @throws IllegalStateException if the cluster is not running
     */
    public CompletableFuture<Void> createCoordinatorTopics() {
        return CoordinatorTopics.create(clientProperties()).whenComplete((done, e) -> {
            if (e != null) {
                LOG.warn("The coordinator topics were not created ahead; the first clients create them: {}", e.toString());
            }
        });
    }

    private Map<String, Object> securityProperties() {
        return security == null ? Map.of()
                : SaslSsl.clientProperties(security.superUser(), security.superUserPassword(), tls.certificate());
    }

    private synchronized void requireSecured() {
        requireRunning();
        if (security == null) {
            throw new IllegalStateException("The embedded Kafka cluster is not secured: build it with saslSsl(...)");
        }
    }

    /**
     * Returns the KRaft cluster id stored in the data directory.
     *
     * @return the cluster id
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    /**
     * Returns the directory that holds the cluster's data: the configured
     * {@link Builder#dataDirectory(Path) data directory}, or the temporary directory created by
     * {@link #start()} (which {@link #close()} deletes).
     *
     * @return the absolute data directory
     * @throws IllegalStateException if the cluster uses a temporary directory and was never started
     */
    public synchronized Path dataDirectory() {
        if (directory == null && dataDirectory == null) {
            throw new IllegalStateException("The temporary data directory is created by start()");
        }
        return directory != null ? directory : dataDirectory;
    }

    /**
     * Returns the topology this cluster was built with.
     *
     * @return the topology
     */
    public Topology topology() {
        return topology;
    }

    /**
     * Returns the node ids of the brokers, in start order (for {@link Topology#controllerPlusBrokers(int)}
     * 101, 102, ...), whether they run or are stopped. These are the ids that partition metadata
     * ({@code TopicPartitionInfo#leader()}) names.
     *
     * @return the broker node ids
     */
    public List<Integer> brokerIds() {
        return topology.brokerNodeIds();
    }

    /**
     * Stops one broker with a controlled shutdown (its partitions' leadership moves to the other
     * in-sync replicas first) and keeps its data directory. The controller and the other brokers
     * keep running; clients fail over to them. Stopping the only broker of a
     * {@link Topology#combined() combined} cluster is refused, since it is also the controller.
     *
     * @param nodeId a broker node id from {@link #brokerIds()}
     * @throws IllegalStateException    if the cluster is not running, the broker is already stopped,
     *                                  or it is the combined node
     * @throws IllegalArgumentException if {@code nodeId} is not a broker of this cluster
     */
    public synchronized void stopBroker(final int nodeId) {
        requireRunning();
        final KafkaNode broker = broker(nodeId);
        if (topology.isCombined()) {
            throw new IllegalStateException("Node " + nodeId + " is the combined cluster's controller too; close the cluster instead");
        }
        if (!stoppedBrokers.add(nodeId)) {
            throw new IllegalStateException("Broker " + nodeId + " is already stopped");
        }
        final long startNanos = System.nanoTime();
        broker.shutdown();
        LOG.info("Embedded Kafka broker {} stopped in {} ms", nodeId, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * Starts a broker stopped by {@link #stopBroker(int)} again, with the same node id, ports and
     * data directory, and returns once it is registered with the controller and unfenced. It then
     * catches up on its partitions as a follower; it rejoins their in-sync replicas once caught up.
     *
     * @param nodeId a broker node id that was stopped
     * @throws IllegalStateException    if the cluster is not running, the broker is not stopped, or it
     *                                  failed to start (it stays stopped then)
     * @throws IllegalArgumentException if {@code nodeId} is not a broker of this cluster
     */
    public synchronized void restartBroker(final int nodeId) {
        requireRunning();
        final KafkaNode stopped = broker(nodeId);
        if (!stoppedBrokers.contains(nodeId)) {
            throw new IllegalStateException("Broker " + nodeId + " is running; stop it first");
        }
        final long startNanos = System.nanoTime();
        final KafkaNode restarted = stopped.recreate();
        try {
            restarted.startup();
        } catch (RuntimeException e) {
            restarted.shutdown();
            throw new IllegalStateException("Embedded Kafka broker " + nodeId + " failed to restart: " + e.getMessage(), e);
        }
        final List<KafkaNode> replaced = new ArrayList<>(brokers);
        replaced.set(replaced.indexOf(stopped), restarted);
        brokers = List.copyOf(replaced);
        stoppedBrokers.remove(nodeId);
        LOG.info("Embedded Kafka broker {} restarted at {} in {} ms", nodeId, restarted.plan().brokerAddress(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * Returns whether a broker runs: the cluster runs and the broker is not {@link #stopBroker(int) stopped}.
     *
     * @param nodeId a broker node id from {@link #brokerIds()}
     * @return {@code true} while the broker runs
     * @throws IllegalArgumentException if {@code nodeId} is not a broker of this cluster
     */
    public synchronized boolean isBrokerRunning(final int nodeId) {
        if (!topology.brokerNodeIds().contains(nodeId)) {
            throw new IllegalArgumentException("No broker with node id " + nodeId + "; brokers are " + topology.brokerNodeIds());
        }
        return state == State.RUNNING && !stoppedBrokers.contains(nodeId);
    }

    private KafkaNode broker(final int nodeId) {
        return brokers.stream().filter(b -> b.plan().nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No broker with node id " + nodeId + "; brokers are "
                        + topology.brokerNodeIds()));
    }

    /**
     * Returns whether {@link #start()} succeeded and {@link #close()} was not called yet.
     *
     * @return {@code true} while the cluster runs
     */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Stops all nodes, brokers first and then the controller, and deletes the data directory if it is
     * a temporary one. Calling this method again has no effect.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        final boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        final long startNanos = System.nanoTime();
        stopNodes();
        deleteIfTemporary();
        if (wasRunning) {
            LOG.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    private void stopNodes() {
        final List<KafkaNode> running = brokers.stream().filter(b -> !stoppedBrokers.contains(b.plan().nodeId())).toList();
        Parallel.run("embedded-kafka-stop-", running, KafkaNode::shutdown);
        stoppedBrokers.clear();
        controllers.forEach(KafkaNode::shutdown);
        brokers = List.of();
        controllers = List.of();
    }

    private void deleteIfTemporary() {
        if (!temporaryDirectory || directory == null) {
            return;
        }
        try {
            DataDirectories.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary Kafka data directory {}: {}", directory, e.toString());
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("The embedded Kafka cluster is not running (" + state + ")");
        }
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedKafkaCluster{" + topology + ", " + state
                + (bootstrapServers == null ? "" : ", " + bootstrapServers) + "}";
    }

    /**
     * Builds an {@link EmbeddedKafkaCluster}. All settings are optional.
     */
    public static final class Builder {

        private Path dataDirectory;
        private int brokerPort;
        private Topology topology = Topology.combined();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private SaslSsl security;

        private Builder() {
        }

        /**
         * Secures the client listener: {@code SASL_SSL} with {@code SCRAM-SHA-512}, a self-signed
         * certificate made at every start, and the {@code StandardAuthorizer}, so every principal but
         * the super user needs ACLs. Clients get their settings from
         * {@link EmbeddedKafkaCluster#clientProperties()} (the super user) and
         * {@link EmbeddedKafkaCluster#clientProperties(String, String)}; users are added with
         * {@link EmbeddedKafkaCluster#createScramUser(String, String)}. A persistent
         * {@link #dataDirectory(Path) data directory} must have been formatted secured, since the super
         * user's credential is written at format time.
         *
         * @param saslSsl the super user
         * @return this builder
         */
        public Builder saslSsl(final SaslSsl saslSsl) {
            this.security = Objects.requireNonNull(saslSsl, "saslSsl");
            return this;
        }

        /**
         * Keeps the cluster's data in {@code directory}, which survives {@link #close()}. The directory
         * is created if needed and formatted only if it holds no Kafka storage yet. Without this
         * setting, the cluster uses a temporary directory that is deleted on close.
         *
         * @param directory the data directory
         * @return this builder
         */
        public Builder dataDirectory(final Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the client listener port of the first broker; further brokers get free ports. The
         * default, 0, picks a free port. A fixed port that is already in use makes {@link #start()}
         * fail with a message naming the port.
         *
         * @param port a port from 0 to 65535
         * @return this builder
         */
        public Builder brokerPort(final int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port must be between 0 and 65535, got " + port);
            }
            this.brokerPort = port;
            return this;
        }

        /**
         * Sets the cluster's shape. The default is {@link Topology#combined()}.
         *
         * @param topology the topology
         * @return this builder
         */
        public Builder topology(final Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /**
         * Adds a server property for every node, overriding the cluster's default for that key.
         * Keys that define the cluster's structure ({@code process.roles}, {@code node.id},
         * listeners, quorum and directory settings) are rejected.
         *
         * @param key   the Kafka server property name
         * @param value its value; {@link Object#toString()} is used
         * @return this builder
         * @throws IllegalArgumentException if the key is reserved by the cluster
         */
        public Builder brokerProperty(final String key, final Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (NodeConfigs.RESERVED_KEYS.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is set by EmbeddedKafkaCluster and cannot be overridden");
            }
            properties.put(key, value.toString());
            return this;
        }

        /**
         * Adds several server properties, as {@link #brokerProperty(String, Object)} does for one.
         *
         * @param extra the properties to add
         * @return this builder
         * @throws IllegalArgumentException if any key is reserved by the cluster
         */
        public Builder brokerProperties(final Map<String, ?> extra) {
            extra.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Sets how long {@link #start()} may take before it fails. The default is 60 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(final Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The startup timeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Creates the cluster. Nothing runs and nothing is written until {@link EmbeddedKafkaCluster#start()}.
         *
         * @return a new, not yet started cluster
         */
        public EmbeddedKafkaCluster build() {
            return new EmbeddedKafkaCluster(this);
        }
    }
}
