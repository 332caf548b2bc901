package io.triadwatch.alerter;

import io.triadwatch.alerter.context.DyadContextStore;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The alerter's state store names. Each is stable: a store's changelog topic is
 * {@code <application.id>-<store>-changelog}, and renaming a store would lose its state. Values are
 * JSON, except the dyad readings and triads, triad timeline and dyad history: those are in a compact, versioned
 * binary form ({@link io.triadwatch.alerter.context.ContextSerdes},
 * {@link io.triadwatch.alerter.evaluate.DyadHistoryCodec}), whose readers still take the JSON of earlier
 * builds ({@link io.triadwatch.serde.binary.BinaryOrJsonSerde}).
 * <table>
 *   <caption>Stores</caption>
 *   <tr><th>store</th><th>key → value</th><th>kind</th></tr>
 *   <tr><td>{@value #RULES}</td><td>rule id → accepted rule JSON</td><td>global, from the rules topic</td></tr>
 *   <tr><td>{@value #DYAD_READINGS}</td><td>{@code dyad|triad|<event time><sequence>} → one triad state (binary)</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_TRIADS}</td><td>dyad → its watched triads and their readings' cursors (binary)</td><td>persistent, cached, changelog</td></tr>
 *   <tr><td>{@value #DYAD_PROGRESS}</td><td>dyad → event time of its latest evaluated move (epoch ms)</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_HELD}</td><td>{@code dyad|sequence} → a dyad state waiting for its triad readings (JSON)</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_HISTORY}</td><td>dyad → its recent absolute moves (a history without moves); {@code dyad|<event time><sequence>} → one move (binary)</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_LIFECYCLE}</td><td>{@code dyad|rule} → lifecycle entry</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_DEADLINES}</td><td>{@code time|dyad|rule} → {@code dyad|rule}</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #DYAD_CLOCK}</td><td>{@code watermark} → the task's event time (epoch ms)</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #TRIAD_TIMELINE}</td><td>triad → its recent states</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #TRIAD_LIFECYCLE}</td><td>{@code triad|rule} → lifecycle entry</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #TRIAD_DEADLINES}</td><td>{@code time|triad|rule} → {@code triad|rule}</td><td>persistent, changelog</td></tr>
 *   <tr><td>{@value #TRIAD_CLOCK}</td><td>{@code watermark} → the task's event time (epoch ms)</td><td>persistent, changelog</td></tr>
 * </table>
 */
public final class AlerterStores {
    /** Alert rules, global. */
    public static final String RULES = "alerter-rules-store";
    /**
     * The watched triads' readings routed to each dyad, one entry per reading
     * ({@link io.triadwatch.alerter.context.DyadContextStore}). Replaces the {@code alerter-dyad-context-store}
     * of earlier builds (one value per dyad), whose changelog is no longer read.
     */
    public static final String DYAD_READINGS = "alerter-dyad-readings-store";
    /** The watched triads of each dyad, with where their readings stand ({@link io.triadwatch.alerter.context.DyadTriads}). */
    public static final String DYAD_TRIADS = "alerter-dyad-triads-store";
    /**
     * The event time of each dyad's latest evaluated move, which bounds what its context keeps
     * ({@link io.triadwatch.alerter.process.ContextAggregator}).
     */
    public static final String DYAD_PROGRESS = "alerter-dyad-progress-store";
    /** Dyad states held until the triad readings of their move have arrived, per dyad in arrival order. */
    public static final String DYAD_HELD = "alerter-dyad-held-store";
    /**
     * Recent moves per dyad, one entry per move ({@link io.triadwatch.alerter.evaluate.DyadHistoryStore}), each a
     * {@link io.triadwatch.alerter.evaluate.DyadHistory} in the binary form of
     * {@link io.triadwatch.alerter.evaluate.DyadHistoryCodec} (version byte first); the whole histories and JSON values of
     * older builds are still read, and split into entries on first read.
     */
    public static final String DYAD_HISTORY = "alerter-dyad-history-store";
    /** Lifecycle of dyad alert fingerprints. */
    public static final String DYAD_LIFECYCLE = "alerter-dyad-lifecycle-store";
    /** Event-time deadlines of dyad lifecycle entries. */
    public static final String DYAD_DEADLINES = "alerter-dyad-deadline-store";
    /** Event-time watermark of each dyad task. */
    public static final String DYAD_CLOCK = "alerter-dyad-clock-store";
    /** Recent states per triad. */
    public static final String TRIAD_TIMELINE = "alerter-triad-timeline-store";
    /** Lifecycle of triad alert fingerprints. */
    public static final String TRIAD_LIFECYCLE = "alerter-triad-lifecycle-store";
    /** Event-time deadlines of triad lifecycle entries. */
    public static final String TRIAD_DEADLINES = "alerter-triad-deadline-store";
    /** Event-time watermark of each triad task. */
    public static final String TRIAD_CLOCK = "alerter-triad-clock-store";

    private AlerterStores() {
    }

    /** @return the dyad context stores of a task that has {@link #DYAD_READINGS} and {@link #DYAD_TRIADS} connected */
    public static DyadContextStore dyadContext(ProcessingContext context, AlerterConfig config) {
        return new DyadContextStore(context.getStateStore(DYAD_READINGS), context.getStateStore(DYAD_TRIADS), config.historyRetention(),
                config.maxMovesKept());
    }
}
