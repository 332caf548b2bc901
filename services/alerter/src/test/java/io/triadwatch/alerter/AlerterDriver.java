package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.schemas.SchemaCatalog;
import io.triadwatch.schemas.SchemaName;
import io.triadwatch.schemas.SchemaViolation;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The alerter topology in a {@link TopologyTestDriver}, fed with JSON as the analyzer writes it. */
final class AlerterDriver implements AutoCloseable {
    static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AlerterConfig config;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> rules;
    private final TestInputTopic<String, DyadState> dyads;
    private final TestInputTopic<String, TriadState> triads;
    private final TestOutputTopic<String, String> alerts;

    /**
     * A driver that does not hold dyad states for their triad readings ({@code contextTimeout} 0): most
     * tests pipe hand-made triad states that are not the readings of the dyad states' own moves, and
     * would otherwise wait for readings that never come. The wait has tests of its own.
     */
    AlerterDriver() {
        this(AlerterConfig.builder("test:9092").contextTimeout(Duration.ZERO).build());
    }

    AlerterDriver(AlerterConfig base) {
        this(base, () -> true);
    }

    /** @param contextCaughtUp what the broker says of the triad readings' inputs ({@link AlerterTopology#build}) */
    AlerterDriver(AlerterConfig base, java.util.function.BooleanSupplier contextCaughtUp) {
        try {
            Path stateDir = Files.createDirectories(Path.of("target", "ttd-state", java.util.UUID.randomUUID().toString()));
            // The driver pipes records one at a time, in order: waiting for an idle context partition would
            // only hold dyad states back until the mock wall clock moves.
            config = base.toBuilder().stateDir(stateDir).contextWait(Duration.ZERO).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = AlerterService.streamsProperties(config);
        driver = new TopologyTestDriver(AlerterTopology.build(config, new AlerterMetrics(registry), contextCaughtUp), props, WALL_CLOCK);
        AlerterConfig.TopicNames topics = config.topics();
        rules = driver.createInputTopic(topics.rules(), new StringSerializer(), new ByteArraySerializer());
        dyads = driver.createInputTopic(topics.dyadState(), new StringSerializer(), JsonSerde.of(DyadState.class).serializer());
        triads = driver.createInputTopic(topics.triadState(), new StringSerializer(), JsonSerde.of(TriadState.class).serializer());
        alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(), new StringDeserializer());
    }

    /** Publishes a rule as JSON under its id. */
    AlerterDriver rule(String id, String json) {
        rules.pipeInput(id, json == null ? null : json.getBytes(StandardCharsets.UTF_8), WALL_CLOCK);
        return this;
    }

    /** Publishes raw bytes on the rules topic. */
    AlerterDriver rawRule(String key, byte[] value) {
        rules.pipeInput(key, value, WALL_CLOCK);
        return this;
    }

    AlerterDriver dyad(DyadState state) {
        dyads.pipeInput(state.dyad(), state, WALL_CLOCK);
        return this;
    }

    AlerterDriver dyad(States.Move move) {
        return dyad(move.state());
    }

    /** Pipes raw bytes on the dyad-state topic, as a broken producer would. */
    AlerterDriver rawDyad(String key, String json) {
        driver.createInputTopic(config.topics().dyadState(), new StringSerializer(), new StringSerializer()).pipeInput(key, json, WALL_CLOCK);
        return this;
    }

    AlerterDriver triad(TriadState state) {
        triads.pipeInput(state.triad(), state, WALL_CLOCK);
        return this;
    }

    AlerterDriver triadTombstone(String triad) {
        triads.pipeInput(triad, null, WALL_CLOCK);
        return this;
    }

    AlerterDriver advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
        return this;
    }

    /** @return the alerts written since the last call, each checked against {@code schemas/alert.v1.schema.json} */
    List<Alert> alerts() {
        return keyedAlerts().stream().map(kv -> kv.value).toList();
    }

    /** @return the keys and alerts written since the last call, each checked against the alert schema */
    List<KeyValue<String, Alert>> keyedAlerts() {
        return alerts.readKeyValuesToList().stream().map(kv -> KeyValue.pair(kv.key, checked(kv.value))).toList();
    }

    private static Alert checked(String json) {
        try {
            List<SchemaViolation> violations = SchemaCatalog.shared().validate(SchemaName.ALERT, Json.mapper().readTree(json));
            assertThat(violations).as("schema violations of %s", json).isEmpty();
            return Json.mapper().readValue(json, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** @return how many dyad states wait for their triad readings */
    double held() {
        return gauge("triadwatch.alerter.context.held");
    }

    double gauge(String name) {
        var gauge = registry.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
