package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerTopology;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.DyadInputSerde;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.analyzer.order.EventOrder;
import io.triadwatch.analyzer.order.SourceStamp;
import io.triadwatch.analyzer.order.Watermark;
import io.triadwatch.model.EventKind;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The same input set gives the same dyad states, triad states and alerts whatever order the intake
 * tasks' outputs interleave in on the dyad partitions (docs/reliability.md, "Deterministic output").
 * <p>
 * A driver has one partition per topic, so three intake tasks are played by writing their outputs
 * onto the {@code dyad-inputs} repartition topic directly: each source's impulses in its own
 * event-time order, each followed by that source's watermark, as {@code event-order-marks} sends
 * them; the sources then say they are idle. The analyzer's outputs are then judged by the alerter
 * with its default rules, its dyad task getting the triad states before, between or after the dyad
 * states: dyad alerts cite the same triad context either way.
 */
class DeterministicOutputTest {
    private static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");
    private static final String TRIAD = "CHN-RUS-USA";
    private static final int SOURCES = 3;

    /** One impulse and the intake task (events partition) it came through. */
    private record Input(int source, DyadInput input) {
        long at() {
            return input.impulse().occurredAt().toEpochMilli();
        }
    }

    /** What one run of the analyzer wrote. */
    private record Output(List<KeyValue<String, DyadState>> dyads, List<KeyValue<String, TriadState>> triadStates) {
        List<String> triads() {
            return triadStates.stream().map(kv -> kv.key + " " + withoutWallClock(kv.value)).toList();
        }

        List<DyadState> dyadStates() {
            return dyads.stream().map(kv -> kv.value).toList();
        }
    }

    /** In what order the alerter's dyad task gets the dyad states and the triad readings. */
    private enum AlerterArrival {
        /** Every triad state first: each dyad state finds its readings, and later ones, already there. */
        READINGS_FIRST,
        /** Each dyad state just before the triad readings of its move, as on a live broker. */
        EACH_STATE_BEFORE_ITS_READINGS,
        /** Every dyad state before any reading: all wait, and go on one reading at a time. */
        ALL_STATES_BEFORE_READINGS
    }

    /** The record as JSON without its wall-clock fields (a triad state's {@code updatedAt} reads the system clock). */
    private static String withoutWallClock(Object value) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.mapper().valueToTree(value);
        tree.remove(List.of("updatedAt", "emittedAt", "eventAppendedAt"));
        return tree.toString();
    }

    @Test
    void shouldWriteTheSameStatesAndAlertsWhateverTheInterleavingOfIntakeTasks() {
        // Given one input set spread over three intake tasks, each task's share in event-time order
        List<Input> inputs = inputs();

        // When the tasks' outputs reach the dyad stage round-robin, and then one task after another, last task first
        Output roundRobin = run(true, roundRobin(inputs));
        Output tasksReversed = run(true, tasksReversed(inputs));

        // Then both runs wrote the same records, in the same order, and the alerts are not trivially empty
        assertThat(roundRobin.dyads()).hasSize(inputs.size());
        assertThat(tasksReversed.dyads()).isEqualTo(roundRobin.dyads());
        assertThat(tasksReversed.triads()).isEqualTo(roundRobin.triads());
        Map<String, List<String>> alerts = alerts(roundRobin, AlerterArrival.READINGS_FIRST);
        assertThat(alerts).isNotEmpty();
        assertThat(alerts(tasksReversed, AlerterArrival.READINGS_FIRST)).isEqualTo(alerts);
    }

    @Test
    void shouldWriteTheSameDyadAlertsWithTheSameContextWhateverOrderTheTriadReadingsArriveIn() {
        // Given the analyzer's states of one input set
        Output states = run(true, roundRobin(inputs()));

        // When the alerter gets the triad readings before the dyad states, each just after its dyad state,
        // and all after every dyad state
        Map<String, List<String>> readingsFirst = alerts(states, AlerterArrival.READINGS_FIRST);
        Map<String, List<String>> eachAfter = alerts(states, AlerterArrival.EACH_STATE_BEFORE_ITS_READINGS);
        Map<String, List<String>> allAfter = alerts(states, AlerterArrival.ALL_STATES_BEFORE_READINGS);

        // Then the alerts are the same, context included, and dyad alerts do cite their triad
        assertThat(eachAfter).isEqualTo(readingsFirst);
        assertThat(allAfter).isEqualTo(readingsFirst);
        assertThat(readingsFirst.entrySet()).anySatisfy(e -> assertThat(e.getValue())
                .anySatisfy(alert -> assertThat(alert).contains("\"subject\":\"CHN-RUS\"").contains("\"triad\":\"" + TRIAD + "\"")));
    }

    @Test
    void shouldShowThatTheInterleavingChangesTheOutputWithoutOrdering() {
        // Given the same input set, applied as it arrives (ordering off)
        List<Input> inputs = inputs();

        // When the two interleavings reach the dyad stage
        Output roundRobin = run(false, roundRobin(inputs));
        Output tasksReversed = run(false, tasksReversed(inputs));

        // Then the per-update fields differ: this test can tell orders apart
        assertThat(tasksReversed.dyads()).isNotEqualTo(roundRobin.dyads());
    }

    /**
     * Three dyads of one triad over three months, several on one date from different tasks, large
     * enough to flip signs (RUS-USA warms, cools and warms again) and to shift a dyad by UN votes.
     */
    private static List<Input> inputs() {
        List<Input> out = new ArrayList<>();
        String[][] plan = {
                {"2024-03-01", "CHN-RUS", "6"}, {"2024-03-01", "CHN-USA", "-5"}, {"2024-03-01", "RUS-USA", "-4"},
                {"2024-03-03", "RUS-USA", "7"}, {"2024-03-03", "RUS-USA", "-3"}, {"2024-03-03", "CHN-USA", "4"},
                {"2024-03-05", "CHN-RUS", "-2"}, {"2024-03-06", "RUS-USA", "9"}, {"2024-03-06", "CHN-USA", "-9"},
                {"2024-03-08", "RUS-USA", "-12"}, {"2024-03-08", "CHN-RUS", "5"}, {"2024-03-08", "CHN-USA", "8"},
                {"2024-03-10", "CHN-USA", "-10"}, {"2024-03-12", "RUS-USA", "10"}, {"2024-03-12", "CHN-RUS", "-9"},
                {"2024-03-14", "RUS-USA", "-8"}, {"2024-03-15", "CHN-USA", "6"}, {"2024-03-15", "CHN-RUS", "7"},
                {"2024-04-10", "CHN-RUS", "1"}, {"2024-04-10", "RUS-USA", "-1"}, {"2024-05-20", "CHN-USA", "1"},
        };
        for (int i = 0; i < plan.length; i++) {
            String[] p = plan[i];
            double impulse = Double.parseDouble(p[2]);
            ImpulseInput in = new ImpulseInput("e" + (100 + i), EventKind.UN_VOTE, Instant.parse(p[0] + "T00:00:00Z"),
                    Instant.parse("2024-04-01T00:00:00Z").toEpochMilli() + i, impulse, null, "statement " + i, null, null);
            out.add(new Input(i % SOURCES, DyadInput.of(p[1], in)));
        }
        return out;
    }

    private static List<Input> roundRobin(List<Input> inputs) {
        return inputs;
    }

    private static List<Input> tasksReversed(List<Input> inputs) {
        return inputs.stream().sorted(Comparator.comparingInt((Input i) -> -i.source()).thenComparingLong(Input::at)).toList();
    }

    private static Output run(boolean ordered, List<Input> arrival) {
        AnalyzerConfig config = AnalyzerConfig.defaults().withApplicationId("determinism-" + UUID.randomUUID()).withPartitions(1, 1)
                .withOrder(ordered ? EventOrder.live().withSources(SOURCES) : EventOrder.off());
        Path dir = tempDir();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        List<KeyValue<String, DyadState>> dyads;
        List<KeyValue<String, TriadState>> triads;
        try (TopologyTestDriver analyzer = new TopologyTestDriver(AnalyzerTopology.build(config), props, WALL_CLOCK)) {
            analyzer.createInputTopic(Topics.TRIADS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput(TRIAD, Json.string(java.util.Map.of("id", TRIAD, "actors", List.of("CHN", "RUS", "USA")))
                            .getBytes(StandardCharsets.UTF_8), WALL_CLOCK);
            TestInputTopic<String, DyadInput> dyadInputs = analyzer.createInputTopic(
                    AnalyzerTopology.repartitionTopic(config.applicationId(), AnalyzerTopology.DYAD_INPUTS),
                    Serdes.String().serializer(), new DyadInputSerde().serializer());
            long[] reached = new long[SOURCES];
            for (Input in : arrival) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(SourceStamp.HEADER, java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(in.source()).array());
                dyadInputs.pipeInput(new TestRecord<>(in.input().dyad(), in.input(), headers, WALL_CLOCK));
                reached[in.source()] = in.at();
                if (ordered) {
                    dyadInputs.pipeInput("~watermark", DyadInput.mark(new Watermark(in.source(), reached[in.source()])), WALL_CLOCK);
                }
            }
            for (int s = 0; ordered && s < SOURCES; s++) {
                dyadInputs.pipeInput("~watermark", DyadInput.mark(new Watermark(s, Watermark.IDLE)), WALL_CLOCK);
            }
            dyads = analyzer.createOutputTopic(Topics.DYAD_STATE.name(), Serdes.String().deserializer(), JsonSerde.of(DyadState.class).deserializer())
                    .readKeyValuesToList();
            triads = analyzer.createOutputTopic(Topics.TRIAD_STATE.name(), Serdes.String().deserializer(), JsonSerde.of(TriadState.class).deserializer())
                    .readKeyValuesToList();
        }
        return new Output(dyads, triads);
    }

    /**
     * The alerts of the default rules on an analyzer run's states, by fingerprint in order (the order
     * across fingerprints follows when each dyad's states could go on). The alerter reads each topic's
     * partition in order; the triads' first states (a triad announced, before any move) come first, as
     * the triads are watched before the events flow.
     */
    private static Map<String, List<String>> alerts(Output states, AlerterArrival arrival) {
        List<TriadState> announced = states.triadStates().stream().map(kv -> kv.value).filter(t -> t.asOf() == null).toList();
        List<TriadState> readings = states.triadStates().stream().map(kv -> kv.value).filter(t -> t.asOf() != null).toList();
        Map<String, List<String>> alerts = new TreeMap<>();
        try (AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").build())) {
            DefaultRules.json().forEach(alerter::rule);
            announced.forEach(alerter::triad);
            switch (arrival) {
                case READINGS_FIRST -> {
                    readings.forEach(alerter::triad);
                    states.dyadStates().forEach(alerter::dyad);
                }
                case EACH_STATE_BEFORE_ITS_READINGS -> states.dyadStates().forEach(d -> {
                    alerter.dyad(d);
                    readings.stream().filter(t -> d.dyad().equals(t.lastDyad()) && d.lastEventId().equals(t.lastEventId())).forEach(alerter::triad);
                });
                case ALL_STATES_BEFORE_READINGS -> {
                    states.dyadStates().forEach(alerter::dyad);
                    readings.forEach(alerter::triad);
                }
            }
            assertThat(alerter.held()).as("dyad states still held").isZero();
            assertThat(alerter.counter("triadwatch.alerter.context.timeouts")).isZero();
            alerter.keyedAlerts().forEach(kv -> alerts.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(withoutWallClock(kv.value)));
        }
        return alerts;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("determinism-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
