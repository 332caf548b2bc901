package io.triadwatch.analyzer.intake;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.dyad.Decay;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.topics.PaceEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the coded-only impulses of one dyad and one event-time bucket in the intake task, so that
 * they cross the {@code dyad-inputs} repartition as one record (docs/analytic-model.md §3.3). The
 * tone and volume channels are linear decayed sums, so the dyad stage ends at the same sums, to
 * rounding, as with every impulse on its own; what changes is the number of records and history
 * points (one per bucket, with its count and most intense event ids).
 * <p>
 * Every other impulse passes straight through, after this dyad's open buckets: a curated event
 * still comes after the coded events that arrived before it. A bucket is forwarded (flushed)
 * <ul>
 *   <li>when the partition's event-time watermark ({@code event-watermark-store}) reaches its end
 *       (an impulse for a bucket already passed is forwarded at once);</li>
 *   <li>before a non-coded impulse of its dyad is forwarded;</li>
 *   <li>all of them after an impulse that carries the input's {@link PaceEnd} mark (the intake leaves it
 *       on the last impulse of a marked event, in a backtest only): a replay waits for the analyzer
 *       there, and the flush point stays where the input puts it;</li>
 *   <li>on the wall-clock punctuation ({@link AnalyzerConfig.Combining#flushInterval()}): all of them
 *       when the task read nothing since the previous one (a replay's end, a quiet stream); else,
 *       unless {@link AnalyzerConfig.Combining#inputOrder()}, those already open at the previous
 *       one, so a live event waits at most two intervals.</li>
 * </ul>
 * Open buckets live in {@code coded-bucket-store} (changelogged, record cache on), written on every
 * change, and in a map that mirrors it for reads; under {@code exactly_once_v2} the store, the
 * forwarded records and the input offsets commit together, so after a crash a bucket is either
 * still open with exactly the impulses of the committed input, or forwarded, never both.
 */
public final class CodedCombiner implements Processor<String, DyadInput, String, DyadInput> {
    /**
     * The key, in {@code event-watermark-store}, of the earliest event time among the open buckets
     * (absent when none is open). A combined record crosses at its bucket's latest event time, which
     * the partition's watermark has usually passed already; with event-time ordering on,
     * {@code order.IntakeMarks} holds the watermark it sends at this time, so that the dyad stage
     * never releases past a bucket still to come (which would apply it late, in arrival order).
     */
    public static final String HELD = "coded-held";
    private static final char SEPARATOR = '|';

    private final AnalyzerConfig.Combining combining;
    private final AnalyzerMetrics metrics;
    private final Decay decay;
    private final long bucketMillis;
    private final TreeMap<String, CodedBucket> open = new TreeMap<>();
    private ProcessorContext<String, DyadInput> context;
    private KeyValueStore<String, CodedBucket> store;
    private KeyValueStore<String, Long> watermark;
    private Cancellable punctuation;
    /** The buckets open at the previous punctuation; whether a record came since. */
    private Set<String> openAtLastTick = Set.of();
    private boolean busy;
    /** The earliest end among the open buckets (Long.MAX_VALUE when none): no watermark below it flushes anything. */
    private long earliestEnd = Long.MAX_VALUE;
    /** The earliest event time among the open buckets (Long.MAX_VALUE when none), as last written to {@link #HELD}. */
    private long earliestAt = Long.MAX_VALUE;

    /** @param config the analyzer's configuration: its decay and {@link AnalyzerConfig#combining()} */
    public CodedCombiner(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this.combining = config.combining();
        this.metrics = metrics;
        this.decay = config.decay();
        this.bucketMillis = combining.bucket().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, DyadInput> context) {
        this.context = context;
        this.store = context.getStateStore(AnalyzerStores.CODED_BUCKETS);
        this.watermark = context.getStateStore(AnalyzerStores.EVENT_WATERMARK);
        open.clear();
        try (KeyValueIterator<String, CodedBucket> it = store.all()) {
            it.forEachRemaining(kv -> open.put(kv.key, kv.value));
        }
        earliestEnd = earliestEnd();
        earliestAt = Long.MIN_VALUE;
        held(earliestAt());
        metrics.bucketsOpened(open.size());
        openAtLastTick = Set.of();
        busy = false;
        punctuation = context.schedule(combining.flushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> tick());
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        busy = true;
        if (PaceEnd.isSet(record.headers())) {
            // The intake leaves the mark on an event's last impulse only where the input order decides (a backtest).
            combine(record.withHeaders(PaceEnd.without(record.headers())));
            flushWhere(key -> true, bucket -> true);
        } else {
            combine(record);
        }
    }

    private void combine(Record<String, DyadInput> record) {
        DyadInput input = record.value();
        ImpulseInput impulse = input == null ? null : input.impulse();
        if (impulse == null || !impulse.codedOnly()) {
            if (input != null) {
                flushDyad(input.dyad());
            }
            context.forward(record);
            return;
        }
        long start = Math.floorDiv(impulse.occurredAt().toEpochMilli(), bucketMillis) * bucketMillis;
        String key = key(input.dyad(), start);
        CodedBucket bucket = open.get(key);
        if (bucket == null) {
            bucket = CodedBucket.of(input.dyad(), Instant.ofEpochMilli(start), impulse, record.timestamp());
            metrics.bucketsOpened(1);
            earliestEnd = Math.min(earliestEnd, end(bucket));
            held(Math.min(earliestAt, bucket.at().toEpochMilli()));
        } else {
            bucket = bucket.plus(impulse, record.timestamp(), decay, combining.topEvents());
        }
        open.put(key, bucket);
        store.put(key, bucket);
        Long mark = watermark.get(EventIntake.WATERMARK);
        if (mark != null && mark >= earliestEnd) {
            flushWhere(k -> true, b -> end(b) <= mark);
        }
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        // The buckets stay in the store: whoever takes the task over restores and forwards them.
        metrics.bucketsClosed(open.size());
        open.clear();
    }

    private void flushDyad(String dyad) {
        Set<String> ofDyad = open.subMap(dyad + SEPARATOR, true, dyad + (char) (SEPARATOR + 1), false).keySet();
        if (!ofDyad.isEmpty()) {
            flush(new ArrayList<>(ofDyad));
        }
    }

    private void tick() {
        boolean idle = !busy;
        Set<String> waited = openAtLastTick;
        flushWhere(key -> idle || !combining.inputOrder() && waited.contains(key), bucket -> true);
        openAtLastTick = new HashSet<>(open.keySet());
        busy = false;
    }

    /** Forwards every open bucket whose key and bucket pass both tests. */
    private void flushWhere(Predicate<String> keyTest, Predicate<CodedBucket> bucketTest) {
        List<String> due = new ArrayList<>();
        open.forEach((key, bucket) -> {
            if (keyTest.test(key) && bucketTest.test(bucket)) {
                due.add(key);
            }
        });
        flush(due);
    }

    /** Forwards the buckets of {@code keys}, in key order (keys, not map entries: removing from a TreeMap reuses its nodes). */
    private void flush(List<String> keys) {
        for (String key : keys) {
            CodedBucket bucket = open.remove(key);
            ImpulseInput combined = bucket.toImpulse(Instant.ofEpochMilli(end(bucket)));
            context.forward(new Record<>(bucket.dyad(), DyadInput.of(bucket.dyad(), combined), bucket.timestamp()));
            store.delete(key);
            metrics.bucketsClosed(1);
            if (combined.combined() != null) {
                metrics.combinedRecord(combined.combined().count());
            }
        }
        earliestEnd = earliestEnd();
        held(earliestAt());
    }

    /** Writes the earliest open event time to {@link #HELD} when it changed. */
    private void held(long value) {
        if (value == earliestAt) {
            return;
        }
        earliestAt = value;
        if (value == Long.MAX_VALUE) {
            watermark.delete(HELD);
        } else {
            watermark.put(HELD, value);
        }
    }

    private long earliestAt() {
        long min = Long.MAX_VALUE;
        for (CodedBucket b : open.values()) {
            min = Math.min(min, b.at().toEpochMilli());
        }
        return min;
    }

    private long end(CodedBucket bucket) {
        long start = bucket.start().toEpochMilli();
        return start > Long.MAX_VALUE - bucketMillis ? Long.MAX_VALUE : start + bucketMillis;
    }

    private long earliestEnd() {
        long min = Long.MAX_VALUE;
        for (CodedBucket b : open.values()) {
            min = Math.min(min, end(b));
        }
        return min;
    }

    /** {@code dyad|start}: a dyad's buckets are one range of the map (dyad ids never hold the separator). */
    private static String key(String dyad, long start) {
        return dyad + SEPARATOR + start;
    }
}
