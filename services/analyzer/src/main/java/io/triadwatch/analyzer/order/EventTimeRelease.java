package io.triadwatch.analyzer.order;

import io.triadwatch.analyzer.AnalyzerMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds a stage's inputs and releases them in one total order, whatever order they arrived in.
 * <p>
 * Every input has an order key: its event time first (fixed-width, so that the store's byte order is
 * time order), then the ids that break ties. Every upstream task (a <em>source</em>) sends its
 * {@link Watermark}; the stage's <em>frontier</em> is the smallest watermark of all sources (a source
 * not heard from yet holds everything; an idle one holds nothing). Inputs with an event time before
 * the frontier are released, in key order: a source promises that it sends nothing before its
 * watermark, and the records it sent before the watermark have been read, so no input can still come
 * that sorts before one released. The strict "before" matters: many events share one date.
 * <p>
 * An input that sorts before the last one released is late (its source broke its promise: its events
 * partition was out of event-time order, or it sent after saying it was idle): it is released at once
 * and reported to {@code onLate}; only such inputs can still make the output depend on arrival order.
 * An input from a source that said it was idle makes that source hold back again, at that input's time.
 * <p>
 * State lives in two changelogged stores of the task (held inputs; watermarks and the last key
 * released), so it commits with the task's output under exactly-once. The frontier and the last key
 * are cached in memory; a task re-initialised after a failure reads them again.
 *
 * @param <V> the value type of the inputs
 */
public final class EventTimeRelease<V> {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();
    private static final String SOURCE_PREFIX = "source/";
    private static final String RELEASED = "released";

    private final KeyValueStore<String, byte[]> held;
    private final KeyValueStore<String, String> marks;
    private final Serde<V> serde;
    private final String topic;
    private final int sources;
    private final AnalyzerMetrics metrics;
    private final String stage;
    private long count;
    private Long frontier;
    private String lastReleased;
    private boolean loaded;

    /**
     * @param held    the held inputs, by order key
     * @param marks   the sources' watermarks and the last key released
     * @param serde   writes and reads a held value
     * @param topic   the topic name given to the serde
     * @param sources the number of sources to wait for; 0 = those that have reported
     * @param metrics counts late inputs and the inputs held
     * @param stage   the stage's name in the metrics ({@code dyad}, {@code triad})
     */
    public EventTimeRelease(KeyValueStore<String, byte[]> held, KeyValueStore<String, String> marks, Serde<V> serde, String topic, int sources,
                            AnalyzerMetrics metrics, String stage) {
        this.held = held;
        this.marks = marks;
        this.serde = serde;
        this.topic = topic;
        this.sources = sources;
        this.metrics = metrics;
        this.stage = stage;
    }

    /**
     * The order key of an input: event time, then the tie-breakers, {@code |}-separated.
     *
     * @param eventMillis the input's event time
     * @param ties        what orders inputs of one event time (ids), most significant first
     * @return a key whose string order is the release order
     */
    public static String key(long eventMillis, String... ties) {
        StringBuilder b = new StringBuilder(64).append(HEX.toHexDigits(eventMillis ^ Long.MIN_VALUE));
        for (String t : ties) {
            b.append('|').append(t == null ? "" : t);
        }
        return b.toString();
    }

    /** @return the event time of an order key */
    static long timeOf(String key) {
        return Long.parseUnsignedLong(key.substring(0, 16), 16) ^ Long.MIN_VALUE;
    }

    /**
     * Takes an input: releases it at once when it is next in order or late, else holds it.
     *
     * @param key    its order key ({@link #key})
     * @param source the partition of the task that sent it, or null when unknown
     * @param record the input
     * @param emit   receives what is released, in order
     */
    public void offer(String key, Integer source, Record<String, V> record, Consumer<Record<String, V>> emit) {
        load();
        long t = timeOf(key);
        if (source != null && isIdle(source)) {
            // The source said it had nothing more; this input says otherwise: wait for its next watermark.
            marks.put(SOURCE_PREFIX + source, Long.toString(t));
            frontier = computeFrontier();
        }
        if (lastReleased != null && key.compareTo(lastReleased) < 0) {
            metrics.lateForOrder(stage);
            emit.accept(record);
            return;
        }
        if (t < frontier) {
            // Everything held is at or after the frontier, so this one is next.
            released(key);
            emit.accept(record);
            return;
        }
        String unique = key;
        for (int n = 2; held.get(unique) != null; n++) {
            unique = key + "#" + n;
        }
        held.put(unique, encode(record));
        held(1);
    }

    /**
     * Takes a source's watermark and releases, in order, whatever the frontier now passes.
     *
     * @param mark the watermark
     * @param emit receives what is released, in order
     */
    public void mark(Watermark mark, Consumer<Record<String, V>> emit) {
        load();
        marks.put(SOURCE_PREFIX + mark.source(), Long.toString(mark.millis()));
        long before = frontier;
        frontier = computeFrontier();
        if (frontier > before) {
            release(emit);
        }
    }

    /** @return the smallest watermark of all sources: {@link Long#MIN_VALUE} while one is unheard, {@link Watermark#IDLE} when all are idle */
    public long frontier() {
        load();
        return frontier;
    }

    private void release(Consumer<Record<String, V>> emit) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (frontier != Watermark.IDLE && timeOf(kv.key) >= frontier) {
                    break;
                }
                due.add(kv);
            }
        }
        for (KeyValue<String, byte[]> kv : due) {
            held.delete(kv.key);
            held(-1);
            released(kv.key);
            emit.accept(decode(kv.value));
        }
    }

    private void released(String key) {
        lastReleased = key;
        marks.put(RELEASED, key);
    }

    private boolean isIdle(int source) {
        String v = marks.get(SOURCE_PREFIX + source);
        return v != null && Long.parseLong(v) == Watermark.IDLE;
    }

    private long computeFrontier() {
        long min = Watermark.IDLE;
        int seen = 0;
        try (KeyValueIterator<String, String> it = marks.prefixScan(SOURCE_PREFIX, org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                int source = Integer.parseInt(kv.key.substring(SOURCE_PREFIX.length()));
                if (sources == 0 || source < sources) {
                    seen++;
                }
                min = Math.min(min, Long.parseLong(kv.value));
            }
        }
        return seen == 0 || (sources > 0 && seen < sources) ? Long.MIN_VALUE : min;
    }

    /** Takes what this task holds off the instance's gauge; call when the task closes. */
    public void close() {
        held(-count);
    }

    private void held(long delta) {
        count += delta;
        metrics.heldForOrder(stage, delta);
    }

    private void load() {
        if (!loaded) {
            lastReleased = marks.get(RELEASED);
            frontier = computeFrontier();
            loaded = true;
            long restored = 0;
            try (KeyValueIterator<String, byte[]> it = held.all()) {
                for (; it.hasNext(); it.next()) {
                    restored++;
                }
            }
            held(restored);
        }
    }

    private byte[] encode(Record<String, V> record) {
        byte[] key = record.key() == null ? new byte[0] : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = serde.serializer().serialize(topic, record.value());
        return ByteBuffer.allocate(Long.BYTES + Integer.BYTES + key.length + value.length)
                .putLong(record.timestamp()).putInt(key.length).put(key).put(value).array();
    }

    private Record<String, V> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long timestamp = in.getLong();
        byte[] key = new byte[in.getInt()];
        in.get(key);
        byte[] value = new byte[in.remaining()];
        in.get(value);
        return new Record<>(new String(key, StandardCharsets.UTF_8), serde.deserializer().deserialize(topic, value), timestamp, new RecordHeaders());
    }
}
