package io.triadwatch.analyzer.intake;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.serde.Durations;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.analyzer.impulse.Impulses;
import io.triadwatch.analyzer.impulse.OfficialsLookup;
import io.triadwatch.analyzer.impulse.Scoring;
import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.EventTimeWindow;
import io.triadwatch.serde.Rejection;
import io.triadwatch.topics.DeadLetters;
import io.triadwatch.topics.PaceEnd;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step for every event record: decode and validate the bytes, refuse an event time outside
 * the {@link EventTimeWindow}, refuse a record not keyed by its event id ({@code KEY_MISMATCH}: the
 * dedupe store is per partition, so only an id-keyed copy is sure to meet its original), drop a
 * repeated event id, refuse an event later than the grace
 * period, score it, and fan its impulses out by dyad.
 * <p>
 * The window is judged against the record's timestamp (its append or create time), not the wall
 * clock, so a replay of the same records judges the same way; a record without a timestamp is
 * judged against the wall clock. Records outside it go to the DLQ as {@code OUT_OF_RANGE}: a
 * far-future date never becomes a partition's event time.
 * <p>
 * Lateness is the producer's: an event more than the grace period behind the event time its input
 * partition has already reached (its watermark). One record moves the watermark by at most the
 * grace period: {@code watermark' = max(watermark, min(occurredAt, watermark + grace))} (the first
 * record sets it; with a zero grace period it follows every record), so a single stray date inside
 * the window cannot make the partition's next events late, it only makes the watermark lag.
 * Producers spread current events over all partitions, so each
 * partition's event time tracks the stream's. Disorder that the pipeline itself makes (partitions
 * consumed unevenly, say after an outage) is not lateness: the dyad stage applies such events exactly.
 * Whatever cannot be applied goes to the DLQ with a reason; nothing is dropped silently:
 * {@code in = processed + dead-lettered}.
 * <p>
 * The dedupe store keeps an id only while a duplicate of it could still be inside the grace period
 * ({@link DedupeWindow}: swept every second), so its size follows the grace period, not the history.
 * The dedupe store, the watermark and the outputs belong to one task, so with
 * {@code exactly_once_v2} they commit together: after a crash an event is either fully applied and
 * remembered, or neither.
 */
public final class EventIntake implements Processor<String, byte[], String, IntakeOutput> {
    /** The {@code triadwatch.source} header value of the analyzer's dead letters. */
    public static final String DLQ_SOURCE = "analyzer";
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);
    /** The key of the partition's watermark in the watermark store (also read by {@code order.IntakeMarks}). */
    public static final String WATERMARK = "watermark";
    private static final int SUMMARY_CHARS = 200;

    private final AnalyzerConfig config;
    private final AnalyzerMetrics metrics;
    private final Impulses impulses;
    private final EventTimeWindow window;
    /** A backtest's combiner flushes at the input's pace ends ({@link PaceEnd}); elsewhere the mark is dropped here. */
    private final boolean honourPaceEnd;
    private ProcessorContext<String, IntakeOutput> context;
    private DedupeWindow dedupe;
    private KeyValueStore<String, Long> watermark;
    private OfficialsLookup registry;

    /**
     * An intake with the event-time window of the environment ({@link EventTimeWindow#fromEnvironment()}).
     *
     * @param config the analyzer's configuration
     */
    public EventIntake(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this(config, metrics, EventTimeWindow.fromEnvironment());
    }

    /**
     * @param config the analyzer's configuration
     * @param window the event times accepted, judged against each record's timestamp
     */
    public EventIntake(AnalyzerConfig config, AnalyzerMetrics metrics, EventTimeWindow window) {
        this.config = config;
        this.honourPaceEnd = config.combining().enabled() && config.combining().inputOrder();
        this.metrics = metrics;
        this.impulses = new Impulses(config.impulses());
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<String, IntakeOutput> context) {
        this.context = context;
        this.watermark = context.getStateStore(AnalyzerStores.EVENT_WATERMARK);
        this.dedupe = new DedupeWindow(context.getStateStore(AnalyzerStores.EVENT_DEDUPE), config.grace(), DedupeWindow.SWEEP_BUDGET);
        metrics.dedupeOpened(context.taskId().toString(), dedupe::entries);
        context.schedule(DedupeWindow.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> dedupe.sweep(watermark.get(WATERMARK)));
        this.registry = OfficialsRegistry.over(context.getStateStore(AnalyzerStores.OFFICIALS));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Decoded<Event> decoded = window.admit(Codecs.events().decode(record.value()), receivedAt(record));
        if (!decoded.accepted()) {
            deadLetter(record, decoded.rejection());
            return;
        }
        Event event = decoded.value();
        if (!event.id().equals(record.key())) {
            deadLetter(record, new Rejection(RejectReason.KEY_MISMATCH, "$.id", "the record's key "
                    + (record.key() == null ? "is null" : "'" + shorten(record.key()) + "' is not") + " the event id '" + event.id()
                    + "': events are keyed by id so that every copy of an id reaches the same intake task and is applied once", event.id()));
            return;
        }
        if (dedupe.seen(event.id())) {
            metrics.duplicate();
            processed();
            return;
        }
        Long mark = watermark.get(WATERMARK);
        if (mark != null && event.occurredAt().toEpochMilli() < mark - config.grace().toMillis()) {
            deadLetter(record, new Rejection(RejectReason.LATE, "$.occurredAt", "event time " + event.occurredAt()
                    + " is more than the grace period " + Durations.iso(config.grace()) + " behind this partition's event time " + Instant.ofEpochMilli(mark), event.id()));
            return;
        }
        Scoring scoring = impulses.score(event, registry);
        if (!scoring.scored()) {
            deadLetter(record, new Rejection(RejectReason.UNSCORABLE, scoring.field(), scoring.detail(), event.id()));
            return;
        }
        dedupe.remember(event.id(), event.occurredAt().toEpochMilli());
        long next = advance(mark, event.occurredAt().toEpochMilli());
        if (mark == null || next > mark) {
            watermark.put(WATERMARK, next);
        }
        String summary = shorten(event.summary());
        List<DyadImpulse> scored = scoring.impulses();
        Headers plain = PaceEnd.isSet(record.headers()) ? PaceEnd.without(record.headers()) : record.headers();
        for (int i = 0; i < scored.size(); i++) {
            DyadImpulse impulse = scored.get(i);
            ImpulseInput input = new ImpulseInput(event.id(), event.kind(), event.occurredAt(), record.timestamp(), impulse.impulse(), impulse.sums(), summary,
                    impulse.visit(), impulse.vote());
            String dyad = impulse.dyad().id();
            // Only the event's last impulse keeps a pace end, so the combiner flushes after all of them.
            boolean last = i == scored.size() - 1 && honourPaceEnd;
            context.forward(record.withKey(dyad).withValue(new IntakeOutput(null, DyadInput.of(dyad, input))).withHeaders(last ? record.headers() : plain));
        }
        metrics.impulses(event.kind(), scored.size());
        processed();
    }

    /**
     * Counts a record read and processed once its outputs are forwarded: a record whose processing a
     * task migration or an aborted transaction interrupts is counted when it is processed again, so
     * {@code in = processed + dead-lettered} holds at every scrape, also after broker bounces (counting
     * {@code in} on arrival left it 10 ahead in a bounce test).
     */
    private void processed() {
        metrics.in();
        metrics.processed();
    }

    @Override
    public void close() {
        metrics.dedupeClosed(context.taskId().toString());
    }

    /** The watermark after an accepted event at {@code eventMillis}: it moves by at most the grace period. */
    private long advance(Long mark, long eventMillis) {
        long grace = config.grace().toMillis();
        if (mark == null || grace == 0) {
            return mark == null ? eventMillis : Math.max(mark, eventMillis);
        }
        long ceiling = mark > Long.MAX_VALUE - grace ? Long.MAX_VALUE : mark + grace;
        return Math.max(mark, Math.min(eventMillis, ceiling));
    }

    /** "Now" for the event-time window: the record's timestamp, or the task's wall clock when it has none. */
    private Instant receivedAt(Record<String, byte[]> record) {
        return Instant.ofEpochMilli(record.timestamp() >= 0 ? record.timestamp() : context.currentSystemTimeMs());
    }

    private void deadLetter(Record<String, byte[]> record, Rejection rejection) {
        LOG.debug("event {} to the DLQ: {} at {}: {}", rejection.eventId(), rejection.reason(), rejection.field(), rejection.detail());
        byte[] raw = record.value() == null ? new byte[0] : record.value();
        // An unreadable body or a tombstone has no event id: it keeps the key it came with, so it can be traced.
        String key = rejection.eventId() != null ? rejection.eventId() : record.key();
        context.forward(new Record<>(key, new IntakeOutput(raw, null), record.timestamp(),
                DeadLetters.headers(rejection, DLQ_SOURCE, Instant.ofEpochMilli(context.currentSystemTimeMs()))));
        // Counted once forwarded, for the reason given at processed().
        metrics.in();
        metrics.dlq(rejection.reason());
    }

    /** @return {@code summary} cut to the length a state or history point carries, or null */
    static String shorten(String summary) {
        if (summary == null || summary.length() <= SUMMARY_CHARS) {
            return summary;
        }
        return summary.substring(0, SUMMARY_CHARS - 1) + "…";
    }
}
