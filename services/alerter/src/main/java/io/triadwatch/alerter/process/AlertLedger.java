package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.lifecycle.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's lifecycle entries (keyed {@code subject|rule}) and their event-time deadline index. Storing
 * a step keeps the entry, the index and the pending gauge in step and emits the step's records.
 */
final class AlertLedger {
    private final KeyValueStore<String, LifecycleEntry> entries;
    private final KeyValueStore<String, String> deadlines;
    private final AlerterMetrics metrics;
    private final AlertEmitter emitter;
    private final String taskKey;

    /**
     * @param entries   the lifecycle store
     * @param deadlines the deadline index (key {@link DeadlineKeys}, value the entry key)
     * @param metrics   the alerter metrics
     * @param emitter   writes the records of a step
     * @param taskKey   this task's key in the pending gauge
     */
    AlertLedger(KeyValueStore<String, LifecycleEntry> entries, KeyValueStore<String, String> deadlines, AlerterMetrics metrics,
                AlertEmitter emitter, String taskKey) {
        this.entries = entries;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.emitter = emitter;
        this.taskKey = taskKey;
        metrics.pending(taskKey, countPending());
    }

    /** @return the lifecycle store key of a fingerprint */
    static String key(String subject, String rule) {
        return subject + "|" + rule;
    }

    /** @return the subject of a lifecycle store key */
    static String subjectOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    /** @return the entry under {@code key}, or null */
    LifecycleEntry get(String key) {
        return entries.get(key);
    }

    /** @return the subject's entries by rule id */
    Map<String, LifecycleEntry> entriesOf(String subject) {
        Map<String, LifecycleEntry> out = new HashMap<>();
        String prefix = subject + "|";
        try (KeyValueIterator<String, LifecycleEntry> it = entries.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, LifecycleEntry> kv = it.next();
                out.put(kv.key.substring(prefix.length()), kv.value);
            }
        }
        return out;
    }

    /** @return every entry with an open (pending or firing) episode */
    List<KeyValue<String, LifecycleEntry>> open() {
        List<KeyValue<String, LifecycleEntry>> out = new ArrayList<>();
        try (KeyValueIterator<String, LifecycleEntry> it = entries.all()) {
            while (it.hasNext()) {
                KeyValue<String, LifecycleEntry> kv = it.next();
                if (kv.value.phase() != LifecycleEntry.Phase.INACTIVE) {
                    out.add(kv);
                }
            }
        }
        return out;
    }

    /** @return up to {@code max} deadline index entries at or before {@code at}, earliest first */
    List<KeyValue<String, String>> dueBy(Instant at, int max) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range(null, DeadlineKeys.upTo(at))) {
            while (it.hasNext() && due.size() < max) {
                due.add(it.next());
            }
        }
        return due;
    }

    /** Removes one deadline index entry (it is being applied). */
    void dropDeadline(String indexKey) {
        deadlines.delete(indexKey);
    }

    /**
     * Stores a step's entry, keeps the deadline index and the pending gauge in step, and emits its records.
     *
     * @param fresh true when the step was caused by the record being processed (its latency is measured)
     */
    void store(String key, LifecycleEntry before, Step step, long timestamp, boolean fresh) {
        LifecycleEntry after = step.entry();
        if (!after.equals(before) || !step.emitted().isEmpty()) {
            entries.put(key, after);
        }
        if (!Objects.equals(before.deadline(), after.deadline())) {
            if (before.deadline() != null) {
                deadlines.delete(DeadlineKeys.of(before.deadline(), key));
            }
            if (after.deadline() != null) {
                deadlines.put(DeadlineKeys.of(after.deadline(), key), key);
            }
        }
        metrics.pendingDelta(taskKey, pendingOf(after) - pendingOf(before));
        emitter.emit(step.emitted(), timestamp, fresh);
    }

    /** Sets the pending gauge of this task to {@code count}. */
    void pending(long count) {
        metrics.pending(taskKey, count);
    }

    /** Forgets this task in the pending gauge. */
    void close() {
        metrics.taskClosed(taskKey);
    }

    private long countPending() {
        long pending = 0;
        try (KeyValueIterator<String, LifecycleEntry> it = entries.all()) {
            while (it.hasNext()) {
                pending += pendingOf(it.next().value);
            }
        }
        return pending;
    }

    static long pendingOf(LifecycleEntry entry) {
        return entry.phase() == LifecycleEntry.Phase.PENDING ? 1 : 0;
    }
}
