package io.triadwatch.analyzer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.schemas.SchemaCatalog;
import io.triadwatch.schemas.SchemaName;
import io.triadwatch.schemas.SchemaViolation;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.JsonSerde;
import io.triadwatch.topics.PaceEnd;
import io.triadwatch.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around the real topology, with helpers to feed and read the analyzer's topics. */
final class AnalyzerDriver implements AutoCloseable {
    final AnalyzerConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, byte[]> events;
    private final TestInputTopic<String, byte[]> officials;
    private final TestInputTopic<String, byte[]> triads;
    private final TestOutputTopic<String, DyadState> dyadStates;
    private final TestOutputTopic<String, TriadState> triadStates;
    private final TestOutputTopic<String, byte[]> dlq;
    private final List<KeyValue<String, DyadState>> dyadLog = new ArrayList<>();
    private final List<KeyValue<String, TriadState>> triadLog = new ArrayList<>();
    private final List<TestRecord<String, byte[]>> dlqLog = new ArrayList<>();
    private Instant appendTime = Instant.parse("2025-06-01T00:00:00Z");
    private boolean holdBuckets;

    AnalyzerDriver() {
        this(AnalyzerConfig.defaults());
    }

    AnalyzerDriver(AnalyzerConfig config) {
        this.config = config;
        try {
            stateDir = Files.createTempDirectory("analyzer-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(AnalyzerTopology.build(config, registry), props);
        events = driver.createInputTopic(Topics.EVENTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        officials = driver.createInputTopic(Topics.OFFICIALS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        triads = driver.createInputTopic(Topics.TRIADS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        dyadStates = driver.createOutputTopic(Topics.DYAD_STATE.name(), Serdes.String().deserializer(), JsonSerde.of(DyadState.class).deserializer());
        triadStates = driver.createOutputTopic(Topics.TRIAD_STATE.name(), Serdes.String().deserializer(), JsonSerde.of(TriadState.class).deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    /** Pipes one event (key = its id, read from the JSON). */
    AnalyzerDriver event(String json) {
        String id = json.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return raw(id, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Pipes one event marked as the end of a pace ({@link PaceEnd}), as a replay marks the last event before it waits. */
    AnalyzerDriver paceEnd(String json) {
        String id = json.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return raw(id, json.getBytes(StandardCharsets.UTF_8), PaceEnd.headers());
    }

    AnalyzerDriver raw(String key, byte[] value) {
        return raw(key, value, new RecordHeaders());
    }

    private AnalyzerDriver raw(String key, byte[] value, Headers headers) {
        appendTime = appendTime.plusSeconds(1);
        events.pipeInput(new TestRecord<>(key, value, headers, appendTime));
        if (!holdBuckets && config.combining().enabled()) {
            flushBuckets();
        }
        return drain();
    }

    /**
     * From now on, leaves coded buckets open between inputs (they flush as the watermark or a curated
     * impulse of their dyad says, or on {@link #flushBuckets()}). By default every input is followed
     * by the wall-clock flush: events that arrive seconds apart, each applied on its own.
     */
    AnalyzerDriver holdingBuckets() {
        holdBuckets = true;
        return this;
    }

    /**
     * Advances the wall clock by two flush intervals without input: the intake is idle for a whole
     * interval, so every open coded bucket is forwarded.
     */
    AnalyzerDriver flushBuckets() {
        driver.advanceWallClockTime(config.combining().flushInterval());
        driver.advanceWallClockTime(config.combining().flushInterval());
        return drain();
    }

    AnalyzerDriver official(String json) {
        String id = json.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String from = json.replaceAll("(?s).*\"validFrom\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        officials.pipeInput(id + "@" + from, json.getBytes(StandardCharsets.UTF_8));
        return drain();
    }

    AnalyzerDriver triad(String id, String json) {
        triads.pipeInput(id, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        return drain();
    }

    /** Reads every output so far; every state written must match its published JSON Schema. */
    AnalyzerDriver drain() {
        List<KeyValue<String, DyadState>> dyads = dyadStates.readKeyValuesToList();
        List<KeyValue<String, TriadState>> triads = triadStates.readKeyValuesToList();
        dyads.forEach(kv -> conform(SchemaName.DYAD_STATE, kv.value));
        triads.forEach(kv -> conform(SchemaName.TRIAD_STATE, kv.value));
        dyadLog.addAll(dyads);
        triadLog.addAll(triads);
        dlqLog.addAll(dlq.readRecordsToList());
        return this;
    }

    private static void conform(SchemaName schema, Object state) {
        if (state == null) {
            return;
        }
        List<SchemaViolation> violations = SchemaCatalog.shared().validate(schema, Json.mapper().valueToTree(state));
        if (!violations.isEmpty()) {
            throw new AssertionError(schema + " violated by " + Json.string(state) + ": " + violations.stream().map(SchemaViolation::describe).toList());
        }
    }

    List<DyadState> dyadStates(String dyad) {
        return dyadLog.stream().filter(kv -> kv.key.equals(dyad)).map(kv -> kv.value).toList();
    }

    List<KeyValue<String, DyadState>> dyadLog() {
        return dyadLog;
    }

    DyadState lastDyad(String dyad) {
        List<DyadState> states = dyadStates(dyad);
        if (states.isEmpty()) {
            throw new AssertionError("no state for dyad " + dyad);
        }
        return states.get(states.size() - 1);
    }

    Map<String, DyadState> finalDyads() {
        Map<String, DyadState> last = new LinkedHashMap<>();
        dyadLog.forEach(kv -> last.put(kv.key, kv.value));
        return last;
    }

    List<TriadState> triadStates(String triad) {
        return triadLog.stream().filter(kv -> kv.key.equals(triad)).map(kv -> kv.value).toList();
    }

    List<KeyValue<String, TriadState>> triadLog() {
        return triadLog;
    }

    TriadState lastTriad(String triad) {
        List<TriadState> states = triadStates(triad);
        if (states.isEmpty()) {
            throw new AssertionError("no state for triad " + triad);
        }
        return states.get(states.size() - 1);
    }

    /** @return the dyad's history points, in event-time order, as the history store holds them */
    List<io.triadwatch.analyzer.dyad.HistoryPoint> history(String dyad) {
        List<io.triadwatch.analyzer.dyad.HistoryPoint> points = new ArrayList<>();
        org.apache.kafka.streams.state.KeyValueStore<String, io.triadwatch.analyzer.dyad.HistoryPoint> store =
                driver.getKeyValueStore(AnalyzerStores.DYAD_HISTORY);
        try (var it = store.range(io.triadwatch.analyzer.dyad.HistoryKeys.from(dyad, null), io.triadwatch.analyzer.dyad.HistoryKeys.to(dyad, null))) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        return points;
    }

    List<TestRecord<String, byte[]>> dlq() {
        return dlqLog;
    }

    double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // temp dir, best effort
        }
    }
}
