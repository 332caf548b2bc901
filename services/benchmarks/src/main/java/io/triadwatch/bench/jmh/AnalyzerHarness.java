package io.triadwatch.bench.jmh;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.dyad.DyadAggregateSerde;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.DyadOutput;
import io.triadwatch.analyzer.dyad.DyadProcessor;
import io.triadwatch.analyzer.dyad.HistoryPointSerde;
import io.triadwatch.analyzer.dyad.RankSeries;
import io.triadwatch.analyzer.impulse.OfficialsLookup;
import io.triadwatch.analyzer.intake.EventIntake;
import io.triadwatch.analyzer.intake.IntakeOutput;
import io.triadwatch.analyzer.intake.OfficialsRegistry;
import io.triadwatch.analyzer.triad.TriadAggregate;
import io.triadwatch.analyzer.triad.TriadAggregateSerde;
import io.triadwatch.analyzer.triad.TriadDefinitions;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.analyzer.triad.TriadProcessor;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.bench.mix.SharedData;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.model.Official;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The analyzer's real processors ({@link EventIntake}, {@link TriadDefinitions},
 * {@link DyadProcessor}, {@link TriadProcessor}) wired outside Kafka: each on a
 * {@link MockProcessorContext} with the production store types — RocksDB with the production
 * serdes — in a temporary directory, without the record cache and changelog Kafka Streams adds.
 * Used to prepare realistic inputs and warm state for the benchmarks; not thread-safe. Close it
 * to close the stores and delete the directory.
 */
final class AnalyzerHarness implements AutoCloseable {
    /** Record timestamp of the first generated event: 2030-01-01, after every event time the mix generates. */
    private static final long APPENDED_FROM = 1_893_456_000_000L;
    final AnalyzerConfig config = AnalyzerConfig.defaults();
    private final Path stateDir = temporaryDirectory();
    private final List<StateStore> stores = new ArrayList<>();
    final MockProcessorContext<String, IntakeOutput> intakeContext = context(0);
    final MockProcessorContext<String, TriadDefinitions.Output> definitionsContext = context(1);
    final MockProcessorContext<String, DyadOutput> dyadContext = context(2);
    final MockProcessorContext<String, TriadState> triadContext = context(3);
    final EventIntake intake = new EventIntake(config, AnalyzerMetrics.noop());
    final TriadDefinitions definitions = new TriadDefinitions(AnalyzerMetrics.noop());
    final DyadProcessor dyads = new DyadProcessor(config, AnalyzerMetrics.noop());
    final TriadProcessor triads = new TriadProcessor(config);
    final KeyValueStore<String, byte[]> officials;
    final KeyValueStore<String, TriadAggregate> triadStore;
    /** The dyads of the demo's watched triads. */
    final Set<String> watchedDyads = new HashSet<>();

    AnalyzerHarness() {
        officials = store(AnalyzerStores.OFFICIALS, Serdes.ByteArray(), intakeContext);
        store(AnalyzerStores.EVENT_DEDUPE, Serdes.Long(), intakeContext);
        store(AnalyzerStores.EVENT_WATERMARK, Serdes.Long(), intakeContext);
        store(AnalyzerStores.DYAD_STATE, new DyadAggregateSerde(), dyadContext);
        store(AnalyzerStores.DYAD_HISTORY, new HistoryPointSerde(), dyadContext);
        store(AnalyzerStores.DYAD_TRIADS, Serdes.String(), dyadContext);
        store(AnalyzerStores.RANK_SERIES, JsonSerde.of(RankSeries.class), dyadContext);
        triadStore = store(AnalyzerStores.TRIAD_STATE, new TriadAggregateSerde(), triadContext);
        for (String line : DemoData.lines(DemoData.OFFICIALS)) {
            Official official = Codecs.officials().decode(line.getBytes(StandardCharsets.UTF_8)).value();
            officials.put(official.versionKey(), line.getBytes(StandardCharsets.UTF_8));
        }
        intake.init(intakeContext);
        definitions.init(definitionsContext);
        dyads.init(dyadContext);
        triads.init(triadContext);
        for (String line : DemoData.lines(DemoData.TRIADS)) {
            definitions.process(new Record<>(null, line.getBytes(StandardCharsets.UTF_8), 0L));
        }
        for (var forwarded : definitionsContext.forwarded()) {
            TriadDefinitions.Output out = forwarded.record().value();
            if (out.isMembership()) {
                dyads.process(new Record<>(out.membership().dyad(), out.membership(), 0L));
            } else {
                triads.process(new Record<>(out.triadInput().triad(), out.triadInput(), 0L));
            }
        }
        definitionsContext.resetForwards();
        drainDyadOutputs(input -> triads.process(new Record<>(input.triad(), input, 0L)));
        triadContext.resetForwards();
        for (String line : DemoData.lines(DemoData.TRIADS)) {
            Codecs.triads().decode(line.getBytes(StandardCharsets.UTF_8)).value().dyads().forEach(d -> watchedDyads.add(d.id()));
        }
    }

    private static Properties contextConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "triadwatch-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        props.putAll(io.triadwatch.streams.StreamsRunner.TRIADWATCH_DEFAULTS);
        return props;
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values, MockProcessorContext<?, ?> context) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        stores.add(store);
        return store;
    }

    private <K, V> MockProcessorContext<K, V> context(int task) {
        MockProcessorContext<K, V> context = new MockProcessorContext<>(contextConfig(), new TaskId(0, task), stateDir.resolve("task-" + task).toFile());
        // Processors stamp wall-clock fields with the task's clock, which a mock context must be given.
        context.setCurrentSystemTimeMs(System.currentTimeMillis());
        return context;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("triadwatch-jmh-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
    }

    /** Closes the stores and deletes their directory. */
    @Override
    public void close() {
        stores.forEach(StateStore::close);
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + stateDir, e);
        }
    }

    /** @return the officials registry lookup the intake uses */
    OfficialsLookup officialsLookup() {
        return OfficialsRegistry.over(officials);
    }

    /** @return the benchmark mix, from the shared real data when found */
    static EventMix mix() {
        try {
            return EventMix.load(SharedData.locate(), EventMix.DEFAULT_WEIGHTS, line -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the event mix", e);
        }
    }

    /**
     * Runs {@code count} generated events through the intake.
     *
     * @return the dyad impulses it emitted, in order (dead letters left out)
     */
    List<DyadInput> impulses(EventStream events, int count) {
        List<DyadInput> out = new ArrayList<>(count * 3);
        for (int i = 0; i < count; i++) {
            EventStream.Generated event = events.next();
            // Appended after every generated event time: the intake refuses events dated more than a day after their record.
            intake.process(new Record<>(event.id(), event.json(), APPENDED_FROM + i));
            for (var forwarded : intakeContext.forwarded()) {
                IntakeOutput value = forwarded.record().value();
                if (!value.isDeadLetter()) {
                    out.add(value.dyadInput());
                }
            }
            intakeContext.resetForwards();
        }
        return out;
    }

    /** Applies one dyad input; the triad inputs it emits go to {@code triadInputs} (states are dropped). */
    void applyDyad(DyadInput input, Consumer<TriadInput> triadInputs) {
        dyads.process(new Record<>(input.dyad(), input, 0L));
        drainDyadOutputs(triadInputs);
    }

    private void drainDyadOutputs(Consumer<TriadInput> triadInputs) {
        for (var forwarded : dyadContext.forwarded()) {
            DyadOutput out = forwarded.record().value();
            if (out.triadInput() != null) {
                triadInputs.accept(out.triadInput());
            }
        }
        dyadContext.resetForwards();
    }
}
