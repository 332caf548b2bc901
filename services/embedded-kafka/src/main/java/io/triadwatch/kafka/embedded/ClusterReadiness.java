package io.triadwatch.kafka.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/** Waits until a cluster's brokers answer client requests. */
final class ClusterReadiness {

    private static final long POLL_MS = 50;

    private ClusterReadiness() {
    }

    /**
     * Returns once {@code describeCluster} through {@code bootstrapServers}, with the client
     * {@code security} properties (empty for a plaintext cluster), lists {@code brokers} brokers.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    static void awaitBrokers(final String bootstrapServers, final Map<String, Object> security, final int brokers,
                             final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        final Map<String, Object> props = new java.util.HashMap<>(security);
        props.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        try (Admin admin = Admin.create(props)) {
            while (true) {
                final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw new IllegalStateException("Only " + seen + " of " + brokers + " embedded Kafka broker(s) at "
                            + bootstrapServers + " became ready within " + timeout.toMillis() + " ms");
                }
                seen = describe(admin, remainingMs);
                if (seen >= brokers) {
                    return;
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka brokers", e);
        }
    }

    private static int describe(final Admin admin, final long remainingMs) throws InterruptedException {
        try {
            final Collection<Node> nodes = admin.describeCluster().nodes().get(remainingMs, TimeUnit.MILLISECONDS);
            return nodes.size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        }
    }
}
