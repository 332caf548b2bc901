package io.triadwatch.bench.scaling;

import io.triadwatch.bench.e2e.EventLoader;
import io.triadwatch.bench.e2e.LoadDriver;
import io.triadwatch.bench.e2e.Progress;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One phase's cluster: a fresh in-JVM broker with Triadwatch's topics, the demo's reference data and
 * rules, and the benchmark's events written once. Every phase gets its own, with the same events
 * (same mix, same seed), so that each starts its instances on the same input from offset 0 and with
 * no state or consumer group left by another phase.
 */
final class ScalingStage implements AutoCloseable {
    private final EmbeddedKafkaCluster broker;
    private final Map<String, Object> kafka;
    private final Admin admin;

    private ScalingStage(EmbeddedKafkaCluster broker) {
        this.broker = broker;
        this.kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
        this.admin = Admin.create(kafka);
    }

    /**
     * Starts a broker on {@code dir}, creates the topics, publishes the reference data and writes
     * {@code events} events of {@code mix} (seeded by {@code seed}).
     *
     * @return the stage and what was loaded
     */
    static ScalingStage start(Path dir, EventMix mix, long seed, long events, Progress progress) {
        ScalingStage stage = new ScalingStage(EmbeddedKafkaCluster.builder().dataDirectory(dir.resolve("kafka")).build().start());
        try {
            new TopicAdmin(stage.admin).ensure(Topics.ALL, (short) 1).problems().forEach(p -> progress.accept("topic problem: " + p));
            LoadDriver.publishReference(stage.kafka, progress);
            EventLoader.Loaded loaded = EventLoader.load(stage.kafka, new EventStream(mix, seed), events, progress);
            progress.accept(String.format(java.util.Locale.ROOT, "load: %,d events (%,d bytes) in %.1f s on %s",
                    loaded.events(), loaded.bytes(), loaded.seconds(), stage.bootstrapServers()));
            return stage;
        } catch (RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    /** @return the broker's bootstrap servers */
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @return an admin client of the broker (closed with the stage) */
    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
