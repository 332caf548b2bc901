package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerTopology;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.JsonSerde;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerter leaves out rule evaluations that a state cannot trigger ({@code skipQuietStates}), and
 * that changes no alert: the demo timeline, through the real analyzer, gives the same alert records
 * with the shortcut and without it.
 */
class QuietStateSkipTest {
    private static final Path DEMO = Path.of(System.getProperty("triadwatch.project.dir", "../.."), "services/launcher/src/main/resources/demo");
    private static final String SKIPPED = "triadwatch.alerter.evaluations.skipped";

    /** The analyzer's outputs of the demo timeline, in the order it wrote them; a triad state is a left, a dyad state a right. */
    private static final List<KeyValue<TriadState, DyadState>> STATES = new ArrayList<>();

    @BeforeAll
    static void analyzeTheDemoTimeline() throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quiet-state-skip");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(Path.of("target", "ttd-state", "analyzer-" + java.util.UUID.randomUUID())).toString());
        try (TopologyTestDriver analyzer = new TopologyTestDriver(AnalyzerTopology.build(AnalyzerConfig.defaults()), props)) {
            TestOutputTopic<String, DyadState> dyads = analyzer.createOutputTopic(Topics.DYAD_STATE.name(), Serdes.String().deserializer(),
                    JsonSerde.of(DyadState.class).deserializer());
            TestOutputTopic<String, TriadState> triads = analyzer.createOutputTopic(Topics.TRIAD_STATE.name(), Serdes.String().deserializer(),
                    JsonSerde.of(TriadState.class).deserializer());
            Runnable drain = () -> {
                // Triad states first: on a broker the dyad side may wait for their context.
                triads.readValuesToList().forEach(t -> STATES.add(KeyValue.pair(t, null)));
                dyads.readValuesToList().forEach(d -> STATES.add(KeyValue.pair(null, d)));
            };
            pipe(analyzer, Topics.OFFICIALS.name(), "officials.jsonl", line -> field(line, "id") + "@" + field(line, "validFrom"), drain);
            pipe(analyzer, Topics.TRIADS.name(), "triads.jsonl", line -> field(line, "id"), drain);
            pipe(analyzer, Topics.EVENTS.name(), "events.jsonl", line -> field(line, "id"), drain);
        }
    }

    @Test
    void shouldSkipEvaluationsAndStillRaiseTheSameAlertsOnTheDemoTimeline() {
        // Given the demo timeline's dyad and triad states, as the analyzer wrote them
        assertThat(STATES).hasSizeGreaterThan(100);

        // When the alerter with its default rules reads them with the shortcut and without it
        try (AlerterDriver skipping = replay(true); AlerterDriver evaluatingAll = replay(false)) {
            List<KeyValue<String, Alert>> withShortcut = skipping.keyedAlerts();
            List<KeyValue<String, Alert>> without = evaluatingAll.keyedAlerts();

            // Then the shortcut was taken, and only with it
            assertThat(skipping.counter(SKIPPED)).isGreaterThan(STATES.size() / 2.0);
            assertThat(evaluatingAll.counter(SKIPPED)).isZero();
            // And the alert records are the same, in the same order: the seed's rank drops and the vote shift among them
            assertThat(withShortcut).isEqualTo(without);
            assertThat(withShortcut).extracting(kv -> kv.value.fingerprint())
                    .contains("rank-drop:CHN-PRK", "dyad-shift-rank-or-vote:PRK-RUS");
        }
    }

    private static AlerterDriver replay(boolean skipQuietStates) {
        AlerterDriver driver = new AlerterDriver(AlerterConfig.builder("test:9092").skipQuietStates(skipQuietStates).build());
        DefaultRules.json().forEach(driver::rule);
        for (KeyValue<TriadState, DyadState> state : STATES) {
            if (state.key != null) {
                driver.triad(state.key);
            } else {
                driver.dyad(state.value);
            }
        }
        return driver;
    }

    private static void pipe(TopologyTestDriver driver, String topic, String file, java.util.function.Function<String, String> key,
                             Runnable drain) throws IOException {
        TestInputTopic<String, byte[]> in = driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        Instant appended = Instant.parse("2025-06-01T00:00:00Z");
        for (String line : Files.readAllLines(DEMO.resolve(file))) {
            if (!line.isBlank()) {
                appended = appended.plusSeconds(1);
                in.pipeInput(key.apply(line), line.getBytes(StandardCharsets.UTF_8), appended);
                drain.run();
            }
        }
    }

    private static String field(String json, String name) {
        try {
            return Json.mapper().readTree(json).path(name).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
