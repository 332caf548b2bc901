package io.triadwatch.analyzer;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.analyzer.dyad.DyadAggregateSerde;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.DyadInputSerde;
import io.triadwatch.analyzer.dyad.DyadOutput;
import io.triadwatch.analyzer.dyad.DyadProcessor;
import io.triadwatch.analyzer.dyad.HistoryPointSerde;
import io.triadwatch.analyzer.dyad.RankSeries;
import io.triadwatch.analyzer.intake.CodedBucket;
import io.triadwatch.analyzer.intake.CodedCombiner;
import io.triadwatch.analyzer.intake.EventIntake;
import io.triadwatch.analyzer.intake.IntakeOutput;
import io.triadwatch.analyzer.intake.OfficialsRegistry;
import io.triadwatch.analyzer.order.DyadRelease;
import io.triadwatch.analyzer.order.IntakeMarks;
import io.triadwatch.analyzer.order.MarkPartitioner;
import io.triadwatch.analyzer.order.SourceStamp;
import io.triadwatch.analyzer.order.TriadRelease;
import io.triadwatch.analyzer.triad.TriadAggregateSerde;
import io.triadwatch.analyzer.triad.TriadDefinitions;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.analyzer.triad.TriadInputSerde;
import io.triadwatch.analyzer.triad.TriadProcessor;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.JsonSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the analyzer's one topology; the service and the tests both call {@link #build}.
 *
 * <pre>
 * 1 events ─► event-intake ─┬─► dlq-sink (triadwatch.events.dlq.v1)
 *     (officials-store: global, as-of lookups)
 *                           └─► coded-combiner ─► dyad-inputs (repartition by dyad)
 *                               (coded-only impulses summed per dyad and event-time bucket; off: straight through)
 * 2 triads ─► triad-definitions ─┬─► dyad-memberships (repartition by dyad)
 *                                └─► triad-definitions (repartition by triad)
 * 3 dyad-inputs + dyad-memberships ─► dyad-aggregate ─┬─► dyad-state-sink (triadwatch.dyad-state.v1)
 *                                                     └─► triad-inputs (repartition by triad)
 * 4 triad-inputs + triad-definitions ─► triad-aggregate ─► triad-state-sink (triadwatch.triad-state.v1)
 * </pre>
 * With event-time ordering on ({@link AnalyzerConfig#order()}), {@code event-order-marks} stamps
 * impulses and multicasts each intake task's watermark on {@code dyad-inputs}, {@code dyad-order}
 * releases impulses in event-time order and multicasts the dyad task's watermark on
 * {@code triad-inputs}, and {@code triad-order} releases dyad moves in event-time order
 * (docs/reliability.md, "Deterministic output").
 * Topic names come from {@link AnalyzerConfig#topics()} (the registry's by default). Every source,
 * processor, sink, store, repartition and changelog topic has an explicit name
 * (see {@link AnalyzerStores} and the constants here), so that the topology can evolve without
 * orphaning state. Stores are RocksDB-backed and changelogged (the global officials store
 * restores from its own topic).
 */
public final class AnalyzerTopology {
    /** Repartition topic (suffix) carrying impulses by dyad: {@code <application.id>-dyad-inputs-repartition}. */
    public static final String DYAD_INPUTS = "dyad-inputs";
    /** Repartition topic (suffix) carrying triad memberships by dyad: {@code <application.id>-dyad-memberships-repartition}. */
    public static final String DYAD_MEMBERSHIPS = "dyad-memberships";
    /** Repartition topic (suffix) carrying dyad updates by triad: {@code <application.id>-triad-inputs-repartition}. */
    public static final String TRIAD_INPUTS = "triad-inputs";
    /** Repartition topic (suffix) carrying triad definitions by triad: {@code <application.id>-triad-definitions-repartition}. */
    public static final String TRIAD_DEFINITIONS = "triad-definitions";

    private AnalyzerTopology() {
    }

    /**
     * The topics the analyzer's consumer group ({@code application.id}) reads that are not its own
     * repartition topics: "all input processed" means the group's committed offsets reach the end
     * of these and of its repartition topics ({@code io.triadwatch.streams.CatchUp}). The officials
     * topic feeds a global store, which commits no offsets; it is loaded before processing starts.
     *
     * @return the events and triads topics of {@code config}
     */
    public static List<String> sourceTopics(AnalyzerConfig config) {
        return List.of(config.topics().events(), config.topics().triads());
    }

    /** @return the full name of one of the analyzer's repartition topics */
    public static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /** @return the topology with meters that record nothing */
    public static Topology build(AnalyzerConfig config) {
        return build(config, AnalyzerMetrics.noop());
    }

    /** @return the topology, recording its meters in {@code registry} */
    public static Topology build(AnalyzerConfig config, MeterRegistry registry) {
        return build(config, new AnalyzerMetrics(registry));
    }

    /** @return the topology, recording into {@code metrics} */
    public static Topology build(AnalyzerConfig config, AnalyzerMetrics metrics) {
        AnalyzerConfig.TopicNames topics = config.topics();
        Serde<String> strings = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        StreamsBuilder builder = new StreamsBuilder();

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AnalyzerStores.OFFICIALS), strings, bytes).withLoggingDisabled(),
                topics.officials(), Consumed.with(strings, bytes).withName("officials-source"),
                () -> new OfficialsRegistry.Loader(AnalyzerStores.OFFICIALS));
        builder.addStateStore(store(AnalyzerStores.EVENT_DEDUPE, Serdes.Long()));
        // Record caches wherever a key is rewritten many times between two commits: a hot dyad or triad on every
        // move, a partition's watermark and marks on every record. The cache turns those writes into one RocksDB
        // write and one changelog record per key per commit (without it the watermark alone wrote one changelog
        // record per event). Not on the held inputs: each is written once and deleted a commit or more later,
        // so a cache would only crowd the shared record cache (measured: the dyad states' own cache then
        // flushed on evictions, 12× the changelog records).
        builder.addStateStore(store(AnalyzerStores.EVENT_WATERMARK, Serdes.Long()).withCachingEnabled());
        builder.addStateStore(store(AnalyzerStores.DYAD_STATE, new DyadAggregateSerde()).withCachingEnabled());
        builder.addStateStore(store(AnalyzerStores.DYAD_HISTORY, new HistoryPointSerde()));
        builder.addStateStore(store(AnalyzerStores.DYAD_TRIADS, strings).withCachingEnabled());
        builder.addStateStore(store(AnalyzerStores.RANK_SERIES, JsonSerde.of(RankSeries.class)).withCachingEnabled());
        builder.addStateStore(store(AnalyzerStores.TRIAD_STATE, new TriadAggregateSerde()).withCachingEnabled());

        // Intake: decode, dedupe, grace, score; rejected records to the DLQ.
        KStream<String, IntakeOutput> intake = builder.stream(topics.events(), Consumed.with(strings, bytes).withName("events-source"))
                .process(() -> new EventIntake(config, metrics), Named.as("event-intake"), AnalyzerStores.EVENT_DEDUPE, AnalyzerStores.EVENT_WATERMARK);
        Map<String, KStream<String, IntakeOutput>> intakeBranches = intake.split(Named.as("intake-"))
                .branch((key, out) -> out.isDeadLetter(), Branched.as("dlq"))
                .defaultBranch(Branched.as("impulses"));
        intakeBranches.get("intake-dlq")
                .mapValues(IntakeOutput::deadLetter, Named.as("dlq-bytes"))
                .to(topics.dlq(), Produced.with(strings, bytes).withName("dlq-sink"));
        KStream<String, DyadInput> impulses = intakeBranches.get("intake-impulses").mapValues(IntakeOutput::dyadInput, Named.as("impulse-inputs"));
        if (config.combining().enabled()) {
            // Coded-only impulses of one dyad and bucket cross the repartition as one record (docs/analytic-model.md §3.3).
            builder.addStateStore(store(AnalyzerStores.CODED_BUCKETS, JsonSerde.of(CodedBucket.class)).withCachingEnabled());
            impulses = impulses.process(() -> new CodedCombiner(config, metrics), Named.as("coded-combiner"),
                    AnalyzerStores.CODED_BUCKETS, AnalyzerStores.EVENT_WATERMARK);
        }

        // Watched triads: definitions by triad, memberships by dyad.
        Map<String, KStream<String, TriadDefinitions.Output>> definitionBranches = builder
                .stream(topics.triads(), Consumed.with(strings, bytes).withName("triads-source"))
                .process(() -> new TriadDefinitions(metrics), Named.as("triad-definitions"))
                .split(Named.as("triad-definitions-"))
                .branch((key, out) -> out.isMembership(), Branched.as("memberships"))
                .defaultBranch(Branched.as("triads"));
        KStream<String, DyadInput> memberships = definitionBranches.get("triad-definitions-memberships")
                .mapValues(TriadDefinitions.Output::membership, Named.as("membership-inputs"));
        KStream<String, TriadInput> definitions = definitionBranches.get("triad-definitions-triads")
                .mapValues(TriadDefinitions.Output::triadInput, Named.as("definition-inputs"));

        // Dyads: impulses and memberships arrive on two co-partitioned repartition topics.
        boolean ordered = config.order().enabled();
        if (ordered) {
            builder.addStateStore(store(AnalyzerStores.DYAD_HELD, bytes));
            builder.addStateStore(store(AnalyzerStores.DYAD_MARKS, strings).withCachingEnabled());
            builder.addStateStore(store(AnalyzerStores.TRIAD_HELD, bytes));
            builder.addStateStore(store(AnalyzerStores.TRIAD_MARKS, strings).withCachingEnabled());
            // Each intake task stamps its impulses and sends its watermark to every dyad partition.
            impulses = impulses.process(() -> new IntakeMarks(config.order()), Named.as("event-order-marks"), AnalyzerStores.EVENT_WATERMARK);
        }
        Repartitioned<String, DyadInput> byDyad = Repartitioned.with(strings, new DyadInputSerde()).withName(DYAD_INPUTS)
                .withNumberOfPartitions(config.dyadPartitions());
        KStream<String, DyadInput> dyadInputs = impulses
                .repartition(ordered ? byDyad.withStreamPartitioner(new MarkPartitioner<>(in -> in.mark() != null)) : byDyad)
                .merge(memberships
                        .repartition(Repartitioned.with(strings, new DyadInputSerde()).withName(DYAD_MEMBERSHIPS).withNumberOfPartitions(config.dyadPartitions())),
                        Named.as("dyad-inputs-merge"));
        KStream<String, TriadInput> dyadMarks = null;
        if (ordered) {
            // Impulses in event-time order; the stage's own watermark goes on to the triad stage.
            Map<String, KStream<String, DyadInput>> gate = dyadInputs
                    .process(() -> new DyadRelease(config, metrics), Named.as("dyad-order"), AnalyzerStores.DYAD_HELD, AnalyzerStores.DYAD_MARKS)
                    .split(Named.as("dyad-order-"))
                    .branch((key, in) -> in.mark() != null, Branched.as("marks"))
                    .defaultBranch(Branched.as("released"));
            dyadInputs = gate.get("dyad-order-released");
            dyadMarks = gate.get("dyad-order-marks").mapValues(in -> TriadInput.mark(in.mark()), Named.as("dyad-order-triad-marks"));
        }
        Map<String, KStream<String, DyadOutput>> dyadBranches = dyadInputs
                .process(() -> new DyadProcessor(config, metrics), Named.as("dyad-aggregate"),
                        AnalyzerStores.DYAD_STATE, AnalyzerStores.DYAD_HISTORY, AnalyzerStores.DYAD_TRIADS, AnalyzerStores.RANK_SERIES)
                .split(Named.as("dyad-outputs-"))
                .branch((key, out) -> out.isState(), Branched.as("states"))
                .defaultBranch(Branched.as("triads"));
        dyadBranches.get("dyad-outputs-states")
                .mapValues(DyadOutput::state, Named.as("dyad-states"))
                .to(topics.dyadState(), Produced.with(strings, JsonSerde.of(DyadState.class)).withName("dyad-state-sink"));

        // Triads: dyad updates and definitions arrive on two co-partitioned repartition topics.
        KStream<String, TriadInput> moves = dyadBranches.get("dyad-outputs-triads").mapValues(DyadOutput::triadInput, Named.as("dyad-moves"));
        Repartitioned<String, TriadInput> byTriad = Repartitioned.with(strings, new TriadInputSerde()).withName(TRIAD_INPUTS)
                .withNumberOfPartitions(config.triadPartitions());
        if (ordered) {
            moves = moves.process(SourceStamp::new, Named.as("dyad-moves-source")).merge(dyadMarks, Named.as("dyad-moves-marks"));
            byTriad = byTriad.withStreamPartitioner(new MarkPartitioner<>(in -> in.mark() != null));
        }
        KStream<String, TriadInput> triadInputs = moves
                .repartition(byTriad)
                .merge(definitions
                        .repartition(Repartitioned.with(strings, new TriadInputSerde()).withName(TRIAD_DEFINITIONS).withNumberOfPartitions(config.triadPartitions())),
                        Named.as("triad-inputs-merge"));
        if (ordered) {
            triadInputs = triadInputs.process(() -> new TriadRelease(config, metrics), Named.as("triad-order"),
                    AnalyzerStores.TRIAD_HELD, AnalyzerStores.TRIAD_MARKS);
        }
        triadInputs
                .process(() -> new TriadProcessor(config), Named.as("triad-aggregate"), AnalyzerStores.TRIAD_STATE)
                .to(topics.triadState(), Produced.with(strings, JsonSerde.of(TriadState.class)).withName("triad-state-sink"));

        return builder.build();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
