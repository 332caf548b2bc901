package io.triadwatch.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterBuilderTest {

    @TempDir
    Path dataDirectory;

    @Test
    void shouldRejectPropertiesThatDefineTheClusterStructure() {
        // Given a builder
        final EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder();

        // When structural keys are set
        // Then they are refused, naming the key
        assertThatThrownBy(() -> builder.brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'listeners'");
        assertThatThrownBy(() -> builder.brokerProperties(Map.of("node.id", 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'node.id'");
    }

    @Test
    void shouldAcceptOrdinaryBrokerPropertiesAndRejectBadSettings() {
        // Given a builder
        final EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder();

        // When ordinary properties are set, then they are accepted
        builder.brokerProperty("log.segment.bytes", 2 * 1024 * 1024).brokerProperties(Map.of("num.io.threads", 2));

        // And invalid ports and topologies are refused
        assertThatThrownBy(() -> builder.brokerPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topology.controllerPlusBrokers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFailWithAMessageNamingTheFixedPortWhenItIsTaken() throws Exception {
        // Given something already listens on a loopback port
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final int port = taken.getLocalPort();
            final EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                    .dataDirectory(dataDirectory)
                    .brokerPort(port)
                    .build();

            // When the cluster is started on that port
            // Then it fails at once with a message naming the port, and is not running
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " is already in use");
            assertThat(cluster.isRunning()).isFalse();
        }
    }

    @Test
    void shouldRefuseADataDirectoryWrittenByAnotherTopology() throws Exception {
        // Given a data directory that holds the nodes of a controller-plus-brokers cluster
        Files.createDirectories(dataDirectory.resolve("node-100"));
        Files.createDirectories(dataDirectory.resolve("node-101"));
        final EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().dataDirectory(dataDirectory).build();

        // When a combined cluster is started on it
        // Then it fails before touching the directory, naming the nodes it found
        assertThatThrownBy(cluster::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[100, 101]")
                .hasMessageContaining("combined");
        assertThat(dataDirectory.resolve("node-1")).doesNotExist();
    }

    @Test
    void shouldDescribeTopologies() {
        // Given the two topologies
        final Topology combined = Topology.combined();
        final Topology split = Topology.controllerPlusBrokers(3);

        // When their internal-topic settings are derived
        // Then a single broker gets RF 1 / min ISR 1 and three brokers RF 3 / min ISR 2
        assertThat(combined.isCombined()).isTrue();
        assertThat(combined.brokerCount()).isEqualTo(1);
        assertThat(combined.internalReplicationFactor()).isEqualTo((short) 1);
        assertThat(combined.internalMinIsr()).isEqualTo(1);
        assertThat(split.brokerNodeIds()).containsExactly(101, 102, 103);
        assertThat(split.internalReplicationFactor()).isEqualTo((short) 3);
        assertThat(split.internalMinIsr()).isEqualTo(2);
    }

    @Test
    void shouldNotOfferBootstrapServersBeforeStart() {
        // Given a cluster that was built but not started
        final EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().build();

        // When its address is asked for, then that is an error; closing it is harmless
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class);
        cluster.close();
        assertThat(cluster.isRunning()).isFalse();
    }
}
