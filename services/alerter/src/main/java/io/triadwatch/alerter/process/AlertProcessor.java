package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.alerter.evaluate.Observation;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.alerter.lifecycle.Lifecycle;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.lifecycle.Step;
import io.triadwatch.alerter.rules.RuleBook;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dyad and triad alert processors share: the lifecycle store (keyed {@code subject|rule}),
 * the event-time deadline index, the task's event-time watermark, rule retirement and emission.
 * <p>
 * Event time is the task's watermark: the largest {@code asOf} it has processed. Whenever it advances,
 * every deadline at or before it is applied first (pending periods ending, keepFiringFor and point holds
 * running out, shift windows sliding), so an alert can resolve without a new state of its own subject.
 * A wall-clock punctuation every {@code ruleSweepInterval} resolves alerts whose rule was deleted,
 * disabled or narrowed, at the current watermark.
 *
 * @param <V> the input value type
 */
abstract class AlertProcessor<V> implements Processor<String, V, String, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
    private static final String WATERMARK = "watermark";
    private static final int DUE_BATCH = 500;

    protected final AlerterConfig config;
    protected final AlerterMetrics metrics;
    protected final Lifecycle lifecycle;
    private final String lifecycleStoreName;
    private final String deadlineStoreName;
    private final String clockStoreName;
    private final String urlPath;

    protected ProcessorContext<String, Alert> context;
    protected RuleBook rules;
    private KeyValueStore<String, LifecycleEntry> entries;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, Long> clock;
    private String taskKey;

    AlertProcessor(AlerterConfig config, AlerterMetrics metrics, String lifecycleStore, String deadlineStore,
                   String clockStore, String urlPath) {
        this.config = config;
        this.metrics = metrics;
        this.lifecycle = new Lifecycle(config.pointAlertHold());
        this.lifecycleStoreName = lifecycleStore;
        this.deadlineStoreName = deadlineStore;
        this.clockStoreName = clockStore;
        this.urlPath = urlPath;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.rules = new RuleBook(context.getStateStore(AlerterStores.RULES));
        this.entries = context.getStateStore(lifecycleStoreName);
        this.deadlines = context.getStateStore(deadlineStoreName);
        this.clock = context.getStateStore(clockStoreName);
        this.taskKey = lifecycleStoreName + "/" + context.taskId();
        metrics.pending(taskKey, countPending());
        context.schedule(config.ruleSweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void close() {
        metrics.taskClosed(taskKey);
    }

    /**
     * Re-examines an entry whose deadline has come.
     *
     * @param entry the entry
     * @param rule  its rule, still applicable
     * @param at    the deadline
     * @param maker builds the records
     * @return the step
     */
    abstract Step onDeadline(LifecycleEntry entry, AlertRule rule, Instant at, AlertMaker maker);

    /** @return the lifecycle store key of a fingerprint */
    static String entryKey(String subject, String rule) {
        return subject + "|" + rule;
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

    /** Moves the task's event time forward to {@code t} (never back) and applies what has come due. */
    void advanceTo(Instant t, long timestamp) {
        Long stored = clock.get(WATERMARK);
        long watermark = stored == null ? t.toEpochMilli() : Math.max(stored, t.toEpochMilli());
        if (stored == null || watermark != stored) {
            clock.put(WATERMARK, watermark);
        }
        runDue(Instant.ofEpochMilli(watermark), timestamp);
    }

    /**
     * Applies what has come due at the current event time: after a late state opened an episode in
     * the past, its end (hold, window slide) is usually due already, and is written at once.
     */
    void settle(long timestamp) {
        Instant watermark = watermark();
        if (watermark != null) {
            runDue(watermark, timestamp);
        }
    }

    private Instant watermark() {
        Long stored = clock.get(WATERMARK);
        return stored == null ? null : Instant.ofEpochMilli(stored);
    }

    private void runDue(Instant watermark, long timestamp) {
        String upper = DeadlineKeys.upTo(watermark);
        while (true) {
            List<KeyValue<String, String>> due = new ArrayList<>();
            try (KeyValueIterator<String, String> it = deadlines.range(null, upper)) {
                while (it.hasNext() && due.size() < DUE_BATCH) {
                    due.add(it.next());
                }
            }
            if (due.isEmpty()) {
                return;
            }
            for (KeyValue<String, String> kv : due) {
                deadlines.delete(kv.key);
                LifecycleEntry entry = entries.get(kv.value);
                if (entry == null || entry.deadline() == null
                        || entry.deadline().toEpochMilli() != DeadlineKeys.timeOf(kv.key).toEpochMilli()) {
                    continue; // a deadline the entry has since moved
                }
                Instant at = entry.deadline();
                LifecycleEntry undated = entry.withoutDeadline();
                Step step;
                try {
                    AlertRule rule = rules.get(entry.rule());
                    String why = RuleBook.whyNotApplicable(rule, entry.rule(), entry.type(), entry.subject());
                    step = why != null ? lifecycle.retire(undated, at, why, maker(null))
                            : onDeadline(undated, rule, at, maker(null));
                } catch (RuntimeException e) {
                    LOG.error("deadline {} of {} failed; the entry keeps its state without a deadline", at, kv.value, e);
                    metrics.evaluationError(entry.rule());
                    step = new Step(undated, List.of());
                }
                LifecycleEntry next = step.entry();
                if (next.deadline() != null && !next.deadline().isAfter(at)) {
                    LOG.error("deadline of {} did not advance past {}; dropping it", kv.value, at);
                    next = next.withoutDeadline();
                }
                store(kv.value, undated, new Step(next, step.emitted()), timestamp, false);
            }
        }
    }

    /** Observes one rule on the state being processed. */
    @FunctionalInterface
    interface RuleObserver {
        /**
         * @param rule  the rule
         * @param entry the fingerprint's entry (fresh when it has none)
         * @return what to apply, in order (with triad context when active); empty when the state says nothing about the rule
         */
        List<Timed> observe(AlertRule rule, LifecycleEntry entry);
    }

    /**
     * An observation and the event time it was made at.
     *
     * @param observation the observation
     * @param at          its event time
     */
    record Timed(Observation observation, Instant at) {
    }

    /**
     * Runs every applicable rule of {@code types} on a fresh state of {@code subject} through its
     * lifecycle, then retires the subject's open episodes whose rules no longer apply. A rule that
     * changed type ends its old episode first. Observations are applied in order until one opens an
     * episode; a point observation dated before the open episode began is late for it and ignored. A
     * rule that fails is logged and counted, never thrown.
     *
     * @param subject   the dyad or triad
     * @param types     the rule types evaluated on this input
     * @param at        the event time used to end episodes of rules that no longer apply
     * @param timestamp the record timestamp for emitted alerts
     * @param maker     builds the records
     * @param observer  evaluates one rule
     */
    void evaluateAll(String subject, Set<AlertRule.Type> types, Instant at, long timestamp, AlertMaker maker, RuleObserver observer) {
        Map<String, LifecycleEntry> open = entriesOf(subject);
        for (AlertRule rule : rules.applicable(types, subject)) {
            String key = entryKey(subject, rule.id());
            LifecycleEntry found = open.remove(rule.id());
            LifecycleEntry entry = found != null ? found : LifecycleEntry.fresh(rule.id(), rule.type(), subject);
            try {
                if (entry.type() != rule.type()) {
                    Step retired = lifecycle.retire(entry, at, "rule " + rule.id() + " changed type to " + rule.type(), maker);
                    store(key, entry, retired, timestamp, true);
                    entry = retired.entry().retyped(rule.type());
                }
                for (Timed timed : observer.observe(rule, entry)) {
                    boolean wasOpen = entry.phase() != LifecycleEntry.Phase.INACTIVE;
                    if (wasOpen && !Lifecycle.continuous(rule.type()) && timed.at().isBefore(entry.since())) {
                        LOG.debug("{}: observation of {} is older than the open episode; ignored", key, timed.at());
                        break;
                    }
                    Step step = lifecycle.observe(entry, rule, timed.observation(), timed.at(), maker);
                    store(key, entry, step, timestamp, true);
                    entry = step.entry();
                    if (!wasOpen && entry.phase() != LifecycleEntry.Phase.INACTIVE) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("rule {} failed on {}; skipped", rule.id(), key, e);
                metrics.evaluationError(rule.id());
            }
        }
        retireLeftovers(open, at, timestamp);
    }

    private void retireLeftovers(Map<String, LifecycleEntry> leftovers, Instant at, long timestamp) {
        leftovers.forEach((ruleId, entry) -> {
            if (entry.phase() == LifecycleEntry.Phase.INACTIVE) {
                return;
            }
            String why = RuleBook.whyNotApplicable(rules.get(ruleId), ruleId, entry.type(), entry.subject());
            if (why != null) {
                store(entryKey(entry.subject(), ruleId), entry, lifecycle.retire(entry, at, why, maker(null)), timestamp, true);
            }
        });
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
        for (Alert alert : step.emitted()) {
            context.forward(new Record<>(alert.fingerprint(), alert, timestamp));
            if (alert.status() == Alert.Status.FIRING) {
                metrics.fired(alert.rule(), alert.severity());
            } else {
                metrics.resolved(alert.rule(), alert.severity());
            }
            if (fresh && alert.eventAppendedAt() != null && alert.emittedAt() != null) {
                metrics.eventToAlert(Duration.between(alert.eventAppendedAt(), alert.emittedAt()));
            }
            LOG.debug("{} {} episode {} ({})", alert.status(), alert.fingerprint(), alert.episode(), alert.severity().label());
        }
    }

    /**
     * @param appendedAt append time of the event being processed, copied onto RESOLVED records it causes; null otherwise
     * @return the record builder for this processor
     */
    AlertMaker maker(Instant appendedAt) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        return new AlertMaker() {
            @Override
            public Alert firing(Finding f, long episode, Instant startsAt) {
                return new Alert(Alert.fingerprint(f.rule(), f.subject()), f.rule(), f.type(), f.subject(), Alert.Status.FIRING,
                        f.severity(), f.severityReason(), f.value(), f.threshold(), f.window(), f.occurredAt(), startsAt, null,
                        episode, f.triggeringEvents(), f.baselineVisits(), f.context(), f.summary(), url(f.subject()), now,
                        f.eventAppendedAt());
            }

            @Override
            public Alert resolved(Alert a, Instant endsAt, double value, String reason) {
                String summary = "Resolved " + endsAt.toString().substring(0, 10) + ": " + reason + ". " + a.summary();
                return new Alert(a.fingerprint(), a.rule(), a.type(), a.subject(), Alert.Status.RESOLVED, a.severity(),
                        a.severityReason(), value, a.threshold(), a.window(), endsAt, a.startsAt(), endsAt, a.episode(),
                        a.triggeringEvents(), a.baselineVisits(), a.context(), summary, a.generatorURL(), now, appendedAt);
            }
        };
    }

    private String url(String subject) {
        return config.dashboardBaseUrl() + "/#/" + urlPath + "/" + subject;
    }

    private void sweep(long wallClock) {
        Instant watermark = watermark();
        if (watermark == null) {
            return;
        }
        List<KeyValue<String, LifecycleEntry>> open = new ArrayList<>();
        try (KeyValueIterator<String, LifecycleEntry> it = entries.all()) {
            while (it.hasNext()) {
                KeyValue<String, LifecycleEntry> kv = it.next();
                if (kv.value.phase() != LifecycleEntry.Phase.INACTIVE) {
                    open.add(kv);
                }
            }
        }
        long pending = 0;
        for (KeyValue<String, LifecycleEntry> kv : open) {
            LifecycleEntry entry = kv.value;
            String why = RuleBook.whyNotApplicable(rules.get(entry.rule()), entry.rule(), entry.type(), entry.subject());
            if (why != null) {
                store(kv.key, entry, lifecycle.retire(entry, watermark, why, maker(null)), wallClock, false);
            } else if (entry.phase() == LifecycleEntry.Phase.PENDING) {
                pending++;
            }
        }
        metrics.pending(taskKey, pending);
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

    private static long pendingOf(LifecycleEntry entry) {
        return entry.phase() == LifecycleEntry.Phase.PENDING ? 1 : 0;
    }

    /** Keys of the deadline index: event time in a form that sorts as text, then the entry key. */
    static final class DeadlineKeys {
        private DeadlineKeys() {
        }

        /** @return the index key of an entry's deadline */
        static String of(Instant at, String entryKey) {
            return sortable(at) + "|" + entryKey;
        }

        /** @return the largest key of a deadline at or before {@code at} */
        static String upTo(Instant at) {
            return sortable(at) + "|\uffff";
        }

        /** @return the deadline of an index key */
        static Instant timeOf(String key) {
            return Instant.ofEpochMilli(Long.parseUnsignedLong(key.substring(0, 16), 16) ^ Long.MIN_VALUE);
        }

        // Flipping the sign bit maps signed order onto unsigned order, so 1961 sorts before 2024.
        private static String sortable(Instant at) {
            return String.format("%016x", at.toEpochMilli() ^ Long.MIN_VALUE);
        }
    }
}
