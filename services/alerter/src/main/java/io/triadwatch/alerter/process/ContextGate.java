package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The dyad states one task holds until the triad readings of their move have arrived, per dyad in
 * arrival order, in the changelogged {@code alerter-dyad-held-store} (key {@code dyad|sequence}), so
 * that they commit with the task's output and survive a restart.
 * <p>
 * Holding one dyad's states must not change what any dyad's alerts say. Other dyads' states go on, and
 * the task's event time with them; what couples dyads is only that event time, through the deadlines it
 * runs. So a held dyad's own deadlines are capped ({@link #capOf}): while a state waits, they run only up
 * to the event time the task had before the state arrived, as they would have before it was evaluated;
 * while it is being evaluated, up to the event time once it arrived. What a dyad's alerts say then
 * depends on its own states and deadlines, in the same order as without holding.
 * <p>
 * The caps are kept in memory, one per held dyad, with the sequence numbers of each queue's head and next
 * state, and read again from the store when the task opens: holding, finding the head and taking it are
 * then point reads and writes, whatever the queue's length (a scan of the queue per held state made a
 * backlog of held states quadratic, and a prefix scan for the head walks over the deletes before it).
 */
final class ContextGate {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();
    private static final String SEPARATOR = "|";

    private final KeyValueStore<String, HeldState> store;
    private final AlerterMetrics metrics;
    private final String taskKey;
    private final Map<String, Instant> caps = new TreeMap<>();
    /** Per held dyad, the sequence numbers of its queue: the head's, and the one its next held state takes. */
    private final Map<String, Queue> sequences = new HashMap<>();
    private long count;

    /**
     * @param store   the held store of the task
     * @param metrics counts what is held
     * @param taskKey this task's key in the held gauge
     */
    ContextGate(KeyValueStore<String, HeldState> store, AlerterMetrics metrics, String taskKey) {
        this.store = store;
        this.metrics = metrics;
        this.taskKey = taskKey;
        try (KeyValueIterator<String, HeldState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, HeldState> kv = it.next();
                caps.putIfAbsent(dyadOf(kv.key), waiting(kv.value));
                long sequence = sequenceOf(kv.key);
                // all() runs in key order: the first key of a dyad is its head.
                sequences.computeIfAbsent(dyadOf(kv.key), d -> new Queue(sequence)).next = sequence + 1;
                count++;
            }
        }
        metrics.heldDelta(taskKey, count);
    }

    private void counted(long delta) {
        count += delta;
        metrics.heldDelta(taskKey, delta);
    }

    /** @return true when a state of {@code dyad} is held: a later one must queue behind it */
    boolean holds(String dyad) {
        return caps.containsKey(dyad);
    }

    /** @return the dyads with held states, sorted */
    List<String> dyads() {
        return new ArrayList<>(caps.keySet());
    }

    /**
     * @return the latest event time up to which deadlines of {@code subject} may run now, or null when
     *         it has nothing held (no cap)
     */
    Instant capOf(String subject) {
        return caps.get(subject);
    }

    /** Holds a state behind those of its dyad already held. */
    void hold(HeldState held) {
        String dyad = held.state().dyad();
        Queue queue = sequences.computeIfAbsent(dyad, d -> new Queue(0));
        store.put(key(dyad, queue.next++), held);
        caps.putIfAbsent(dyad, waiting(held));
        counted(1);
    }

    /** @return the first held state of {@code dyad} and its key, or null */
    KeyValue<String, HeldState> head(String dyad) {
        Queue queue = sequences.get(dyad);
        if (queue == null || queue.head == queue.next) {
            return null;
        }
        String key = key(dyad, queue.head);
        HeldState held = store.get(key);
        if (held == null) {
            throw new IllegalStateException("held state " + key + " is missing from " + taskKey + ": the queue has a gap");
        }
        return KeyValue.pair(key, held);
    }

    /**
     * Takes the head out of the store to evaluate it: while it is evaluated, its dyad's deadlines may
     * run up to the event time once it arrived. Call {@link #taken} after.
     */
    void take(KeyValue<String, HeldState> head) {
        store.delete(head.key);
        String dyad = dyadOf(head.key);
        sequences.get(dyad).head = sequenceOf(head.key) + 1;
        caps.put(dyad, head.value.clockAfter());
        counted(-1);
    }

    /** The head of {@code dyad} has been evaluated: the next one, if any, caps its deadlines now. */
    void taken(String dyad) {
        KeyValue<String, HeldState> next = head(dyad);
        if (next == null) {
            caps.remove(dyad);
            sequences.remove(dyad);
        } else {
            caps.put(dyad, waiting(next.value));
        }
    }

    /** Takes what this task holds off the instance's gauge; call when the task closes. */
    void close() {
        counted(-count);
    }

    /** The cap while {@code held} waits: what had run before it arrived; nothing when the task had no event time. */
    private static Instant waiting(HeldState held) {
        return held.clockBefore() == null ? Instant.MIN : held.clockBefore();
    }

    /** The sequence numbers of one dyad's held states: {@code head} up to, not including, {@code next}. */
    private static final class Queue {
        long head;
        long next;

        Queue(long head) {
            this.head = head;
            this.next = head;
        }
    }

    private static String key(String dyad, long sequence) {
        return dyad + SEPARATOR + HEX.toHexDigits(sequence);
    }

    private static String dyadOf(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    private static long sequenceOf(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf(SEPARATOR) + 1), 16);
    }
}
