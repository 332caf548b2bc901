package io.triadwatch.kafka.testkit;

import java.util.ArrayList;
import java.util.List;

import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.embedded.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Kafka that a test JVM's integration tests share.
 * <p>
 * {@link #bootstrapServers()} starts one broker the first time it is called and returns the same
 * broker to every later caller in the JVM; a JVM shutdown hook stops it. The broker is a
 * Testcontainers {@link KafkaContainer} ({@value #DEFAULT_IMAGE}) when a Docker engine is reachable,
 * and otherwise an in-JVM {@link EmbeddedKafkaCluster}. Setting the system property or environment
 * variable {@value #MODE_PROPERTY} (or {@code TRIADWATCH_TEST_KAFKA}) to {@code embedded} forces the
 * in-JVM broker, and {@code testcontainers} forces the container. Which one is used is logged once.
 * <p>
 * Both kinds behave alike for tests: a single broker on the loopback address, automatic topic
 * creation disabled, and transactions enabled (internal topics with replication factor 1).
 * <p>
 * Because the broker is shared, tests must not depend on its being empty: give every test its own
 * topics with {@link TestTopics#unique(String)}.
 * <p>
 * {@link #threeBrokerCluster()} gives tests that need replication factor 3 a second, separately
 * shared in-JVM cluster of one controller and three brokers.
 */
public final class KafkaTestBroker {

    /** System property (or environment variable) choosing the broker kind: {@code embedded} or {@code testcontainers}. */
    public static final String MODE_PROPERTY = "triadwatch.test.kafka";
    /** System property overriding the Docker image of the container broker. */
    public static final String IMAGE_PROPERTY = "triadwatch.test.kafka.image";
    /** The Docker image used when a container broker is started. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static final List<AutoCloseable> STARTED = new ArrayList<>();

    private static String sharedBootstrapServers;
    private static boolean sharedIsEmbedded;
    private static EmbeddedKafkaCluster threeBrokers;
    private static boolean hookRegistered;

    private KafkaTestBroker() {
    }

    /**
     * Returns the bootstrap servers of the JVM's shared broker, starting the broker on first use.
     *
     * @return the {@code bootstrap.servers} value for clients
     * @throws IllegalStateException if the broker could not be started
     */
    public static synchronized String bootstrapServers() {
        if (sharedBootstrapServers == null) {
            if (useContainer()) {
                sharedBootstrapServers = startContainer();
                sharedIsEmbedded = false;
            } else {
                final EmbeddedKafkaCluster cluster = register(EmbeddedKafkaCluster.builder().build()).start();
                sharedBootstrapServers = cluster.bootstrapServers();
                sharedIsEmbedded = true;
                LOG.info("Kafka for tests: in-JVM embedded KRaft broker at {} ({})", sharedBootstrapServers, reason());
            }
        }
        return sharedBootstrapServers;
    }

    /**
     * Returns whether the shared broker is the in-JVM embedded one, starting it if needed.
     *
     * @return {@code true} for the embedded broker, {@code false} for the Testcontainers broker
     */
    public static synchronized boolean isEmbedded() {
        bootstrapServers();
        return sharedIsEmbedded;
    }

    /**
     * Returns the JVM's shared cluster of one controller and three brokers, starting it on first use.
     * <p>
     * Topics on it can have replication factor 3 and {@code min.insync.replicas=2}; its internal
     * topics do too. The cluster always runs in-JVM, whatever Docker offers. It is stopped by a JVM
     * shutdown hook: do not close it from a test.
     *
     * @return the running cluster
     */
    public static synchronized EmbeddedKafkaCluster threeBrokerCluster() {
        if (threeBrokers == null) {
            threeBrokers = register(EmbeddedKafkaCluster.builder()
                    .topology(Topology.controllerPlusBrokers(3))
                    .build())
                    .start();
        }
        return threeBrokers;
    }

    /**
     * Returns the bootstrap servers of {@link #threeBrokerCluster()}, starting it on first use.
     *
     * @return the {@code bootstrap.servers} value listing all three brokers
     */
    public static String threeBrokerBootstrapServers() {
        return threeBrokerCluster().bootstrapServers();
    }

    private static String startContainer() {
        final String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        final KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        register(container::stop);
        container.start();
        final String servers = container.getBootstrapServers();
        LOG.info("Kafka for tests: Testcontainers broker {} at {} ({})", image, servers, reason());
        return servers;
    }

    private static boolean useContainer() {
        final String mode = mode();
        if ("embedded".equalsIgnoreCase(mode)) {
            return false;
        }
        if ("testcontainers".equalsIgnoreCase(mode)) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String reason() {
        final String mode = mode();
        return mode == null ? "chosen by Docker availability; set " + MODE_PROPERTY + "=embedded|testcontainers to force"
                : MODE_PROPERTY + "=" + mode;
    }

    private static String mode() {
        final String property = System.getProperty(MODE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        final String env = System.getenv("TRIADWATCH_TEST_KAFKA");
        return env == null || env.isBlank() ? System.getenv(MODE_PROPERTY) : env.trim();
    }

    private static <T extends AutoCloseable> T register(final T resource) {
        STARTED.add(resource);
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestBroker::closeAll, "kafka-test-broker-shutdown"));
            hookRegistered = true;
        }
        return resource;
    }

    private static void closeAll() {
        final List<AutoCloseable> resources;
        synchronized (KafkaTestBroker.class) {
            resources = new ArrayList<>(STARTED);
            STARTED.clear();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not stop a test Kafka broker: {}", e.toString());
            }
        }
    }
}
