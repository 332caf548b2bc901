package io.triadwatch.bench.alerter;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterService;
import io.triadwatch.alerter.AlerterTopology;
import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerTopology;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.bench.mix.SharedData;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Measures the alerter alone, on real analyzer output, in one thread and without a broker:
 * {@code record N FILE} runs N real-mix events through the analyzer topology and writes its dyad and
 * triad states, in order, to FILE; {@code replay FILE ALERTS} runs those states through the alerter
 * topology with the default rules, prints the CPU time per state and writes every alert (key and JSON)
 * to ALERTS, so that two builds can be compared on the same input for speed and for identical output
 * ({@code --evaluate-all} turns the alerter's quiet-state shortcut off, to compare it within one build).
 * Both run in {@link TopologyTestDriver}, which commits (flushes the record caches) after every record.
 */
public final class AlerterReplay {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private AlerterReplay() {
    }

    /** Runs {@code record N FILE} or {@code replay FILE ALERTS}. */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("record")) {
            record(Long.parseLong(args[1]), Path.of(args[2]));
        } else if ((args.length == 3 || args.length == 4 && args[3].equals("--evaluate-all")) && args[0].equals("replay")) {
            replay(Path.of(args[1]), Path.of(args[2]), args.length == 3);
        } else {
            System.err.println("usage: AlerterReplay record N STATES_FILE | replay STATES_FILE ALERTS_FILE [--evaluate-all]");
            System.exit(2);
        }
    }

    private static void record(long events, Path out) throws IOException {
        AnalyzerConfig config = AnalyzerConfig.defaults();
        Properties props = streamsProperties(config.applicationId(), Files.createTempDirectory("replay-analyzer"));
        EventStream stream = new EventStream(EventMix.load(SharedData.locate(), EventMix.DEFAULT_WEIGHTS, System.out::println), 42);
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyzerTopology.build(config), props, START);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            TestInputTopic<String, String> officials = driver.createInputTopic(Topics.OFFICIALS.name(), new StringSerializer(), new StringSerializer());
            for (String line : DemoData.lines(DemoData.OFFICIALS)) {
                var official = Codecs.officials().decode(line.getBytes(StandardCharsets.UTF_8)).value();
                officials.pipeInput(official.versionKey(), Json.string(official), START);
            }
            TestInputTopic<String, String> triads = driver.createInputTopic(Topics.TRIADS.name(), new StringSerializer(), new StringSerializer());
            for (String line : DemoData.lines(DemoData.TRIADS)) {
                var triad = Codecs.triads().decode(line.getBytes(StandardCharsets.UTF_8)).value();
                triads.pipeInput(triad.id(), Json.string(triad), START);
            }
            TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, String> dyads = driver.createOutputTopic(Topics.DYAD_STATE.name(), new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> triadStates = driver.createOutputTopic(Topics.TRIAD_STATE.name(), new StringDeserializer(), new StringDeserializer());
            long states = 0;
            for (long i = 0; i < events; i++) {
                EventStream.Generated event = stream.next();
                input.pipeInput(event.id(), event.json(), START.plusMillis(i));
                // Triad states first: in production the dyad side waits for the context partition.
                states += write(w, "T", triadStates.readRecordsToList());
                states += write(w, "D", dyads.readRecordsToList());
            }
            // The intake idle for a flush interval: the coded buckets still open cross (docs/analytic-model.md §3.3).
            driver.advanceWallClockTime(config.combining().flushInterval());
            driver.advanceWallClockTime(config.combining().flushInterval());
            states += write(w, "T", triadStates.readRecordsToList());
            states += write(w, "D", dyads.readRecordsToList());
            System.out.printf(Locale.ROOT, "recorded %,d states from %,d events to %s%n", states, events, out);
        }
    }

    private static int write(BufferedWriter w, String kind, List<TestRecord<String, String>> records) throws IOException {
        for (TestRecord<String, String> r : records) {
            w.write(kind + "\t" + r.key() + "\t" + r.timestamp() + "\t" + (r.value() == null ? "null" : r.value()));
            w.newLine();
        }
        return records.size();
    }

    private static void replay(Path in, Path alertsOut, boolean skipQuietStates) throws IOException {
        AlerterConfig config = AlerterConfig.builder("replay:9092").stateDir(Files.createTempDirectory("replay-alerter"))
                .contextWait(Duration.ZERO).skipQuietStates(skipQuietStates).build();
        Properties props = AlerterService.streamsProperties(config);
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TopologyTestDriver driver = new TopologyTestDriver(AlerterTopology.build(config), props, START);
             BufferedWriter w = Files.newBufferedWriter(alertsOut, StandardCharsets.UTF_8)) {
            TestInputTopic<String, String> rules = driver.createInputTopic(config.topics().rules(), new StringSerializer(), new StringSerializer());
            for (Map.Entry<String, String> rule : DefaultRules.json().entrySet()) {
                rules.pipeInput(rule.getKey(), rule.getValue(), START);
            }
            TestInputTopic<String, String> dyads = driver.createInputTopic(config.topics().dyadState(), new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> triads = driver.createInputTopic(config.topics().triadState(), new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> alerts = driver.createOutputTopic(config.topics().alerts(), new StringDeserializer(), new StringDeserializer());
            long alertCount = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long mark = cpu0;
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", 4);
                String value = f[3].equals("null") ? null : f[3];
                (f[0].equals("T") ? triads : dyads).pipeInput(f[1], value, Long.parseLong(f[2]));
                for (KeyValue<String, String> alert : alerts.readKeyValuesToList()) {
                    w.write(alert.key + "\t" + alert.value);
                    w.newLine();
                    alertCount++;
                }
                if ((i + 1) % 1_000 == 0) {
                    dropOutputsExcept(driver, config.topics().alerts());
                }
                if ((i + 1) % 10_000 == 0) {
                    long now = threads.getCurrentThreadCpuTime();
                    System.out.printf(Locale.ROOT, "  states %,7d: %.0f µs CPU per state over the last 10,000%n", i + 1, (now - mark) / 1e3 / 10_000);
                    mark = now;
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.printf(Locale.ROOT, "replayed %,d states: %,d alerts; CPU %.1f s (%.0f µs per state), wall %.1f s%n",
                    lines.size(), alertCount, cpu / 1e9, cpu / 1e3 / lines.size(), wall / 1e9);
        }
    }

    /**
     * Reads away every record the driver holds for any topic but {@code keep}: a TopologyTestDriver keeps
     * every record written to any topic, and over a long run the changelogs would fill the heap.
     *
     * @param driver the driver
     * @param keep   the output topic whose records the caller still reads
     */
    public static void dropOutputsExcept(TopologyTestDriver driver, String keep) {
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(keep)) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            }
        }
    }

    private static Properties streamsProperties(String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
