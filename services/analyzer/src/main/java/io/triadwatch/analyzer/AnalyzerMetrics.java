package io.triadwatch.analyzer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.RejectReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *   <li>{@code triadwatch.analyzer.dedupe.entries} – event ids kept by the dedupe stores of this instance's intake
 *       tasks (RocksDB's estimate, as of each task's last sweep; bounded by the grace period: {@link io.triadwatch.analyzer.intake.DedupeWindow})</li>
 * </ul>
 * Always: {@code events.in = events.processed + Σ dlq}, and {@code Σ impulses = impulses.applied}
 * once the dyad stage has caught up. Instrumentation never throws.
 */
public final class AnalyzerMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerMetrics.class);
    private final Counter in;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter triadsRejected;
    private final Map<RejectReason, Counter> dlq = new EnumMap<>(RejectReason.class);
    private final Map<EventKind, Counter> impulses = new EnumMap<>(EventKind.class);
    private final Counter impulsesApplied;
    private final Counter approximateMoves;
    private final Timer eventToState;
    private final Map<String, LongSupplier> dedupeEntries = new ConcurrentHashMap<>();

    /** @param registry where the meters go */
    public AnalyzerMetrics(MeterRegistry registry) {
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

    /** Counts one event record read. */
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

    /** Counts one impulse applied; {@code exact} false when its move was measured at the dyad's latest time. */
    public void impulseApplied(boolean exact) {
        safely(() -> {
            impulsesApplied.increment();
            if (!exact) {
                approximateMoves.increment();
            }
        });
    }

    /** Counts the dyad impulses of one event. */
    public void impulses(EventKind kind, int count) {
        safely(() -> impulses.get(kind).increment(count));
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

    private static void safely(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            LOG.warn("metric update failed; processing continues", e);
        }
    }
}
