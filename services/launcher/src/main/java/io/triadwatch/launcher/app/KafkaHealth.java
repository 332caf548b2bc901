package io.triadwatch.launcher.app;

import io.triadwatch.http.ComponentHealth;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker-connection health check: a cluster description within two seconds, cached for five
 * so that frequent probes do not load the cluster.
 */
final class KafkaHealth implements Supplier<ComponentHealth>, AutoCloseable {
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();
    private final Admin admin;
    private ComponentHealth last;
    private long checkedAt;

    KafkaHealth(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "triadwatch-health");
        this.admin = Admin.create(props);
    }

    @Override
    public synchronized ComponentHealth get() {
        if (last == null || System.nanoTime() - checkedAt > CACHE_NANOS) {
            last = check();
            checkedAt = System.nanoTime();
        }
        return last;
    }

    private ComponentHealth check() {
        try {
            int brokers = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            return brokers > 0 ? ComponentHealth.up(brokers + " broker(s) reachable") : ComponentHealth.down("no broker in the cluster description");
        } catch (Exception e) {
            return ComponentHealth.down("cannot reach Kafka: " + e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
