package io.triadwatch.analyzer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.triadwatch.analyzer.dyad.Combined;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.RejectReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyzer's own meters. Names follow {@code triadwatch.<area>.<what>}; Prometheus renders
 * them as {@code triadwatch_analyzer_..._total} and so on.
 * <ul>
 *   <li>{@code triadwatch.analyzer.events.in} – event records read</li>
 *   <li>{@code triadwatch.analyzer.events.processed} – event records accepted (duplicates included:
 *       they are handled, by changing nothing)</li>
 *   <li>{@code triadwatch.analyzer.events.duplicate} – of those, repeated event ids</li>
 *   <li>{@code triadwatch.analyzer.dlq{reason}} – event records sent to the DLQ</li>
 *   <li>{@code triadwatch.analyzer.impulses{kind}} – dyad impulses computed by the intake, by event kind</li>
 *   <li>{@code triadwatch.analyzer.impulses.applied} – impulses applied by the dyad stage</li>
 *   <li>{@code triadwatch.analyzer.moves.approximate} – of those, out-of-order impulses whose move could not be
 *       measured at their own event time (the dyad's history no longer held every later event)</li>
 *   <li>{@code triadwatch.analyzer.event.to.state} – append time of the event record to the dyad-state write (with percentiles)</li>
 *   <li>{@code triadwatch.analyzer.triads.rejected} – unreadable records on the triads topic (logged, skipped)</li>
 *   <li>{@code triadwatch.analyzer.combined.buckets.opened} / {@code .closed} – coded-impulse buckets the intake
 *       opened (or took over with a task) and closed (flushed, or handed over with a task);
 *       {@code triadwatch.analyzer.combined.open} – the gauge of their difference, the buckets open now</li>
 *   <li>{@code triadwatch.analyzer.combined.records} – combined records forwarded (two or more coded events each),
 *       {@code triadwatch.analyzer.combined.impulses} – the impulses they stand for</li>
 *   <li>{@code triadwatch.analyzer.dedupe.entries} – event ids kept by the dedupe stores of this instance's intake
 *       tasks (RocksDB's estimate, as of each task's last sweep; bounded by the grace period: {@link io.triadwatch.analyzer.intake.DedupeWindow})</li>
 * </ul>
 * Always: {@code events.in = events.processed + Σ dlq}, and {@code Σ impulses = impulses.applied}
 * (a combined record counts as the impulses it stands for) once the dyad stage has caught up and no
 * bucket is open ({@link #settled}). Instrumentation never throws.
 */
public final class AnalyzerMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerMetrics.class);
    private static final String OPEN_BUCKETS = "triadwatch.analyzer.combined.open";
    private final Counter in;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter triadsRejected;
    private final Map<RejectReason, Counter> dlq = new EnumMap<>(RejectReason.class);
    private final Map<EventKind, Counter> impulses = new EnumMap<>(EventKind.class);
    private final Counter impulsesApplied;
    private final Counter approximateMoves;
    private final Map<String, Counter> lateForOrder = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> heldForOrder = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Timer eventToState;
    private final Counter bucketsOpened;
    private final Counter bucketsClosed;
    private final Counter combinedRecords;
    private final Counter combinedImpulses;
    private final Map<String, LongSupplier> dedupeEntries = new ConcurrentHashMap<>();

    /** @param registry where the meters go */
    public AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
        in = Counter.builder("triadwatch.analyzer.events.in").description("event records read by the analyzer").register(registry);
        processed = Counter.builder("triadwatch.analyzer.events.processed").description("event records accepted (including repeated ids, which change nothing)").register(registry);
        duplicates = Counter.builder("triadwatch.analyzer.events.duplicate").description("event records whose id was already applied").register(registry);
        triadsRejected = Counter.builder("triadwatch.analyzer.triads.rejected").description("unreadable triad definitions, skipped").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            dlq.put(reason, Counter.builder("triadwatch.analyzer.dlq").tag("reason", reason.name()).description("event records sent to the DLQ").register(registry));
        }
        impulsesApplied = Counter.builder("triadwatch.analyzer.impulses.applied").description("impulses applied to their dyad").register(registry);
        approximateMoves = Counter.builder("triadwatch.analyzer.moves.approximate")
                .description("out-of-order impulses whose move was measured at the dyad's latest time, not their own").register(registry);
        for (EventKind kind : EventKind.values()) {
            impulses.put(kind, Counter.builder("triadwatch.analyzer.impulses").tag("kind", kind.name()).description("dyad impulses computed").register(registry));
        }
        eventToState = Timer.builder("triadwatch.analyzer.event.to.state")
                .description("append time of the event record to the write of the dyad state it moved")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        bucketsOpened = Counter.builder("triadwatch.analyzer.combined.buckets.opened")
                .description("coded-impulse buckets opened by the intake (or taken over with a task)").register(registry);
        bucketsClosed = Counter.builder("triadwatch.analyzer.combined.buckets.closed")
                .description("coded-impulse buckets flushed (or handed over with a task)").register(registry);
        combinedRecords = Counter.builder("triadwatch.analyzer.combined.records").description("combined records of two or more coded events forwarded").register(registry);
        combinedImpulses = Counter.builder("triadwatch.analyzer.combined.impulses").description("coded impulses forwarded inside combined records").register(registry);
        Gauge.builder(OPEN_BUCKETS, this, AnalyzerMetrics::openBuckets).strongReference(true)
                .description("coded-impulse buckets open in the intake, not yet forwarded to the dyad stage").register(registry);
        Gauge.builder("triadwatch.analyzer.dedupe.entries", dedupeEntries, AnalyzerMetrics::sum)
                .description("event ids kept by the dedupe stores of this instance's intake tasks (estimate)").register(registry);
    }

    /** Counts the dedupe entries of one intake task (by its task id) in the gauge, until {@link #dedupeClosed}. */
    public void dedupeOpened(String task, LongSupplier entries) {
        dedupeEntries.put(task, entries);
    }

    /** Stops counting the dedupe entries of one intake task (closed or moved to another instance). */
    public void dedupeClosed(String task) {
        dedupeEntries.remove(task);
    }

    private static double sum(Map<String, LongSupplier> suppliers) {
        return suppliers.values().stream().mapToLong(LongSupplier::getAsLong).sum();
    }

    /** @return meters bound to a registry that keeps nothing */
    public static AnalyzerMetrics noop() {
        return new AnalyzerMetrics(new CompositeMeterRegistry());
    }

    /** Counts one event record read, when the intake is done with it (processed or dead-lettered). */
    public void in() {
        safely(in::increment);
    }

    /** Counts one event record accepted. */
    public void processed() {
        safely(processed::increment);
    }

    /** Counts one repeated event id (also counted as processed). */
    public void duplicate() {
        safely(duplicates::increment);
    }

    /** Counts one event record sent to the DLQ. */
    public void dlq(RejectReason reason) {
        safely(() -> dlq.get(reason).increment());
    }

    /**
     * Counts one impulse record applied, as the impulses it stands for; {@code exact} false when its
     * move was measured at the dyad's latest time.
     *
     * @param combined the record's provenance when it combines several coded events, else null
     */
    public void impulseApplied(boolean exact, Combined combined) {
        safely(() -> {
            impulsesApplied.increment(combined == null ? 1 : combined.count());
            if (!exact) {
                approximateMoves.increment();
            }
        });
    }

    /** Counts the dyad impulses of one event. */
    public void impulses(EventKind kind, int count) {
        safely(() -> impulses.get(kind).increment(count));
    }

    /**
     * Counts one input that reached an ordering stage after inputs that sort after it had been released
     * (its source's events partition out of event-time order, or input after an idle watermark): applied
     * at once, it is the only kind of input whose effect can depend on arrival order.
     *
     * @param stage {@code dyad} or {@code triad}
     */
    public void lateForOrder(String stage) {
        safely(() -> lateForOrder.computeIfAbsent(stage, s -> Counter.builder("triadwatch.analyzer.order.late").tag("stage", s)
                .description("inputs applied out of event-time order because they arrived after later ones were released").register(registry))
                .increment());
    }

    /**
     * Moves the number of inputs an ordering stage of this instance holds (gauge
     * {@code triadwatch.analyzer.order.held}, tag {@code stage}): a task adds what it holds when it
     * starts and takes it off when it closes.
     *
     * @param stage {@code dyad} or {@code triad}
     * @param delta the change
     */
    public void heldForOrder(String stage, long delta) {
        safely(() -> heldForOrder.computeIfAbsent(stage, s -> {
            AtomicLong held = new AtomicLong();
            Gauge.builder("triadwatch.analyzer.order.held", held, AtomicLong::get).tag("stage", s)
                    .description("inputs held by an ordering stage until every upstream watermark passes them").register(registry);
            return held;
        }).addAndGet(delta));
    }

    /** @return the inputs an ordering stage of this instance holds now */
    public long heldForOrder(String stage) {
        AtomicLong held = heldForOrder.get(stage);
        return held == null ? 0 : held.get();
    }

    /** Counts one unreadable triad definition. */
    public void triadRejected() {
        safely(triadsRejected::increment);
    }

    /** Records the latency from an event record's append time to a state write; ignores unknown or future times. */
    public void eventToState(long appendedAtMillis, long nowMillis) {
        if (appendedAtMillis > 0 && nowMillis >= appendedAtMillis) {
            safely(() -> eventToState.record(Duration.ofMillis(nowMillis - appendedAtMillis)));
        }
    }

    /** Counts {@code count} buckets opened in (or restored into) an intake task. */
    public void bucketsOpened(int count) {
        safely(() -> bucketsOpened.increment(count));
    }

    /** Counts {@code count} buckets closed: flushed, or handed over when their task closed. */
    public void bucketsClosed(int count) {
        safely(() -> bucketsClosed.increment(count));
    }

    /** Counts one combined record forwarded, standing for {@code impulses} coded impulses. */
    public void combinedRecord(int impulses) {
        safely(() -> {
            combinedRecords.increment();
            combinedImpulses.increment(impulses);
        });
    }

    private double openBuckets() {
        return bucketsOpened.count() - bucketsClosed.count();
    }

    /**
     * Whether every impulse the intake computed in these processes has reached the dyad stage: no
     * bucket is open and {@code impulses.applied ≥ Σ impulses}, summed over {@code registries} (an
     * impulse may be computed on one instance and applied on another). A replay asks this after its
     * consumer group caught up: a bucket flushed by a wall-clock punctuation is not tied to any input
     * offset, so the committed offsets alone cannot tell that it is still on its way. Counts are the
     * processes' own, so an impulse computed but lost with a retried (aborted) transaction keeps it false.
     *
     * @param registries the registries of every analyzer instance of the application
     * @return true when settled (also when the analyzer records no meters there)
     */
    public static boolean settled(MeterRegistry... registries) {
        double open = 0;
        double applied = 0;
        double computed = 0;
        for (MeterRegistry registry : registries) {
            Gauge gauge = registry.find(OPEN_BUCKETS).gauge();
            Counter done = registry.find("triadwatch.analyzer.impulses.applied").counter();
            open += gauge == null ? 0 : gauge.value();
            applied += done == null ? 0 : done.count();
            computed += registry.find("triadwatch.analyzer.impulses").counters().stream().mapToDouble(Counter::count).sum();
        }
        return open <= 0 && applied >= computed;
    }

    /**
     * Whether the analyzer instances whose meters are in {@code registries} hold nothing back: no
     * coded bucket open and no input held by an ordering stage. Live, after the inputs stop, the last
     * events wait in the dyad stage until their intake tasks say they are idle (a wall-clock
     * punctuation, {@link io.triadwatch.analyzer.order.EventOrder#idleTimeout()}), which no input
     * offset shows; this is what tells that they are still to be applied.
     *
     * @param registries the registries of every analyzer instance of the application
     * @return true when nothing is held (also when the analyzer records no meters there)
     */
    public static boolean drained(MeterRegistry... registries) {
        double held = 0;
        for (MeterRegistry registry : registries) {
            Gauge open = registry.find(OPEN_BUCKETS).gauge();
            held += open == null ? 0 : Math.max(0, open.value());
            held += registry.find("triadwatch.analyzer.order.held").gauges().stream().mapToDouble(Gauge::value).sum();
        }
        return held <= 0;
    }

    private static void safely(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            LOG.warn("metric update failed; processing continues", e);
        }
    }
}
