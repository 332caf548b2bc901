package io.triadwatch.alerter;

import io.triadwatch.alerter.context.ContextSerdes;
import io.triadwatch.alerter.context.DyadTriads;
import io.triadwatch.alerter.context.TriadUpdate;
import io.triadwatch.alerter.evaluate.DyadHistoryCodec;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.process.ContextAggregator;
import io.triadwatch.alerter.process.ContextFanOut;
import io.triadwatch.alerter.process.DyadAlertProcessor;
import io.triadwatch.alerter.process.DyadInput;
import io.triadwatch.alerter.process.HeldState;
import io.triadwatch.alerter.process.OwnContributionSerde;
import io.triadwatch.alerter.process.TriadAlertProcessor;
import io.triadwatch.alerter.rules.RuleStoreUpdater;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.JsonSerde;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the alerter's one topology: dyad and triad state in, alerts out.
 * <pre>
 *  rules topic ──► alerter-rules-source ─► RuleStoreUpdater ─► [alerter-rules-store] (global)
 *
 *  triad-state ──► alerter-triad-state-source ─┬─► alerter-triad-evaluator ─► alerter-triad-alerts-sink ─► alerts
 *                                              └─► alerter-triad-fan-out ─► (repartition alerter-triad-context-by-dyad)
 *                    ─► alerter-dyad-context-aggregate [alerter-dyad-readings-store, alerter-dyad-triads-store,
 *                       reads alerter-dyad-progress-store] ─────────────────────────────────────────────────────────┐
 *  dyad-state ───► alerter-dyad-state-source ─► alerter-dyad-state-present ─► alerter-dyad-state-input                 │
 *                    ─► alerter-dyad-inputs (merged with the aggregate's change notices) ◄─────────────────────────────┘
 *                    ─► alerter-dyad-evaluator [alerter-dyad-held-store, alerter-dyad-progress-store, reads
 *                       alerter-dyad-readings-store and alerter-dyad-triads-store] ─► alerter-dyad-alerts-sink ─► alerts
 * </pre>
 * The triad context reaches the dyad side through a repartition by dyad, so that a dyad's alert can
 * say what the other dyads of each of its watched triads did; the repartition topic has the dyad-state
 * topic's partition count ({@link AlerterConfig#contextPartitions()}), so that a dyad's readings and its
 * states meet in one task, which shares the context and progress stores. The context keeps one store entry
 * per reading ({@link io.triadwatch.alerter.context.DyadContextStore}), bounded by the dyad's progress,
 * which the evaluator writes ({@link ContextAggregator}); each reading stored also tells the evaluator that the dyad's context changed, so that states held for it go on at
 * once ({@link DyadAlertProcessor}), which read the context from the store. Alerts are keyed by
 * fingerprint. Store names are in {@link AlerterStores}; every processor, store, repartition and changelog
 * name is fixed here.
 */
public final class AlerterTopology {
    /** Name of the repartition step that routes triad states to their dyads. */
    public static final String CONTEXT_REPARTITION = "alerter-triad-context-by-dyad";

    private AlerterTopology() {
    }

    /**
     * Builds the topology with metrics that record nothing.
     *
     * @param config the configuration (topics, defaults)
     * @return a new topology
     */
    public static Topology build(AlerterConfig config) {
        return build(config, AlerterMetrics.noop());
    }

    /**
     * Builds the topology; a held dyad state's timeout runs whenever its task's context input is quiet.
     *
     * @param config  the configuration (topics, defaults)
     * @param metrics where alerts, rules and latencies are counted
     * @return a new topology
     */
    public static Topology build(AlerterConfig config, AlerterMetrics metrics) {
        return build(config, metrics, () -> true);
    }

    /**
     * Builds the topology.
     *
     * @param config          the configuration (topics, defaults)
     * @param metrics         where alerts, rules and latencies are counted
     * @param contextCaughtUp whether the triad readings' inputs (the triad-state topic and
     *                        {@link #contextRepartitionTopic}) are read to their end on the broker; a held
     *                        dyad state times out only then ({@link DyadAlertProcessor}); called from stream
     *                        threads, must answer from memory
     * @return a new topology
     */
    public static Topology build(AlerterConfig config, AlerterMetrics metrics, BooleanSupplier contextCaughtUp) {
        AlerterConfig.TopicNames topics = config.topics();
        Serde<String> keys = Serdes.String();
        // Dyad states are read with their own event's contribution only: the one a rule cites.
        Serde<DyadState> dyadStates = new OwnContributionSerde();
        Serde<TriadState> triadStates = JsonSerde.of(TriadState.class);
        Serde<Alert> alerts = JsonSerde.of(Alert.class);
        StreamsBuilder builder = new StreamsBuilder();

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlerterStores.RULES), keys, Serdes.ByteArray()).withLoggingDisabled(),
                topics.rules(),
                Consumed.with(keys, Serdes.ByteArray()).withName("alerter-rules-source"),
                () -> new RuleStoreUpdater(AlerterStores.RULES, metrics));

        // Record caches wherever a key is rewritten many times between two commits (a dyad's progress, clock
        // and lifecycle, a triad's timeline, clock and lifecycle): one RocksDB write and one changelog
        // record per key per commit instead of one per state (a busy triad's timeline is kilobytes).
        builder.addStateStore(store(AlerterStores.DYAD_HELD, JsonSerde.of(HeldState.class)));
        builder.addStateStore(store(AlerterStores.DYAD_READINGS, Serdes.ByteArray()));
        // Rewritten on every reading of the dyad: the cache keeps one changelog record per dyad and commit.
        builder.addStateStore(store(AlerterStores.DYAD_TRIADS, DyadTriads.serde()).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.DYAD_PROGRESS, Serdes.Long()).withCachingEnabled());
        // A dyad's head (its recent moves) is rewritten on every state; its moves are written once each.
        builder.addStateStore(store(AlerterStores.DYAD_HISTORY, DyadHistoryCodec.serde()).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.DYAD_LIFECYCLE, JsonSerde.of(LifecycleEntry.class)).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.DYAD_DEADLINES, keys));
        builder.addStateStore(store(AlerterStores.DYAD_CLOCK, Serdes.Long()).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.TRIAD_TIMELINE, ContextSerdes.timelines()).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.TRIAD_LIFECYCLE, JsonSerde.of(LifecycleEntry.class)).withCachingEnabled());
        builder.addStateStore(store(AlerterStores.TRIAD_DEADLINES, keys));
        builder.addStateStore(store(AlerterStores.TRIAD_CLOCK, Serdes.Long()).withCachingEnabled());

        KStream<String, TriadState> triads = builder.stream(topics.triadState(),
                Consumed.with(keys, triadStates).withName("alerter-triad-state-source"));
        triads.process(() -> new TriadAlertProcessor(config, metrics), Named.as("alerter-triad-evaluator"),
                        AlerterStores.TRIAD_TIMELINE, AlerterStores.TRIAD_LIFECYCLE, AlerterStores.TRIAD_DEADLINES, AlerterStores.TRIAD_CLOCK)
                .to(topics.alerts(), Produced.with(keys, alerts).withName("alerter-triad-alerts-sink"));

        Serde<TriadUpdate> updates = JsonSerde.of(TriadUpdate.class);
        // Same topic as the groupByKey repartition of earlier builds (<application.id>-alerter-triad-context-by-dyad-repartition),
        // and the same partition count, which the join with the dyad-state stream gave it then.
        KStream<String, DyadInput> contextChanges = triads
                .flatMap(ContextFanOut::routes, Named.as("alerter-triad-fan-out"))
                .repartition(Repartitioned.<String, TriadUpdate>as(CONTEXT_REPARTITION).withKeySerde(keys).withValueSerde(updates)
                        .withNumberOfPartitions(config.contextPartitions()))
                .process(() -> new ContextAggregator(config), Named.as("alerter-dyad-context-aggregate"),
                        AlerterStores.DYAD_READINGS, AlerterStores.DYAD_TRIADS, AlerterStores.DYAD_PROGRESS);

        builder.stream(topics.dyadState(), Consumed.with(keys, dyadStates).withName("alerter-dyad-state-source"))
                .filter((dyad, state) -> dyad != null && state != null, Named.as("alerter-dyad-state-present"))
                .mapValues(DyadInput::of, Named.as("alerter-dyad-state-input"))
                .merge(contextChanges, Named.as("alerter-dyad-inputs"))
                .process(() -> new DyadAlertProcessor(config, metrics, contextCaughtUp), Named.as("alerter-dyad-evaluator"),
                        AlerterStores.DYAD_HISTORY, AlerterStores.DYAD_LIFECYCLE, AlerterStores.DYAD_DEADLINES, AlerterStores.DYAD_CLOCK,
                        AlerterStores.DYAD_HELD, AlerterStores.DYAD_READINGS, AlerterStores.DYAD_TRIADS, AlerterStores.DYAD_PROGRESS)
                .to(topics.alerts(), Produced.with(keys, alerts).withName("alerter-dyad-alerts-sink"));

        return builder.build();
    }

    /** @return the name Kafka Streams gives the repartition topic of the triad readings routed to their dyads */
    public static String contextRepartitionTopic(String applicationId) {
        return applicationId + "-" + CONTEXT_REPARTITION + "-repartition";
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
