package io.triadwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.launcher.Ports;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up check of the cluster a command was given, against addresses where no Kafka answers. */
class ClusterCheckTest {

    @Test
    void shouldFailNamingTheAddressWhenNothingListens() throws Exception {
        // Given a loopback port nothing listens on
        String address = "127.0.0.1:" + Ports.closed();

        // Then the check fails at once, naming the address and the refusal
        assertThatThrownBy(() -> ClusterCheck.require(Map.of("bootstrap.servers", address), Duration.ofMinutes(5)))
                .isInstanceOf(ClusterCheck.ClusterUnreachableException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + address)
                .hasMessageContaining("refused");
    }

    @Test
    void shouldFailWithinTheTimeoutWhenTheListenerIsNotKafka() throws Exception {
        // Given a listener that accepts connections and never answers
        try (Ports.Silent silent = Ports.silent()) {
            String address = "127.0.0.1:" + silent.port();

            // Then the check fails once its timeout has passed, saying nothing answered as Kafka
            assertThatThrownBy(() -> ClusterCheck.require(Map.of("bootstrap.servers", address), Duration.ofSeconds(1)))
                    .isInstanceOf(ClusterCheck.ClusterUnreachableException.class)
                    .hasMessageStartingWith("cannot use Kafka at " + address)
                    .hasMessageContaining("no Kafka answer within 1 s");
        }
    }

    @Test
    void shouldListEveryAddressThatFailed() throws Exception {
        String first = "127.0.0.1:" + Ports.closed();
        String second = "127.0.0.1:" + Ports.closed();

        assertThatThrownBy(() -> ClusterCheck.require(Map.of("bootstrap.servers", first + "," + second), Duration.ofSeconds(5)))
                .hasMessageContaining(first + ": ").hasMessageContaining(second + ": ");
    }

    @Test
    void shouldRefuseAMalformedAddress() {
        assertThatThrownBy(() -> ClusterCheck.require(Map.of("bootstrap.servers", "kafka"), Duration.ofSeconds(5)))
                .hasMessageContaining("kafka: not HOST:PORT");
    }
}
