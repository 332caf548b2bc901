package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.alerter.lifecycle.Lifecycle;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.lifecycle.Step;
import io.triadwatch.alerter.rules.RuleBook;
import io.triadwatch.model.AlertRule;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every deadline that event time has reached (pending periods ending, keepFiringFor and point
 * holds running out, shift windows sliding), earliest first, so an alert can resolve without a new
 * state of its own subject. An entry whose rule no longer applies is retired instead; a deadline that
 * fails is logged and counted, and its entry keeps its state without a deadline. A subject may have its
 * deadlines capped ({@link Caps}): those after its cap wait, and run once the cap allows.
 */
final class DeadlineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineRunner.class);
    private static final int DUE_BATCH = 500;

    /** Re-examines an entry whose deadline has come; the processor's own rule logic. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param entry the entry
         * @param rule  its rule, still applicable
         * @param at    the deadline
         * @param maker builds the records
         * @return the step
         */
        Step onDeadline(LifecycleEntry entry, AlertRule rule, Instant at, AlertMaker maker);
    }

    /** How far event time may run each subject's deadlines. */
    @FunctionalInterface
    interface Caps {
        /** No subject is capped. */
        Caps NONE = subject -> null;

        /** @return the latest deadline of {@code subject} that may run now, or null for no cap */
        Instant capOf(String subject);
    }

    private final AlertLedger ledger;
    private final RuleBook rules;
    private final Lifecycle lifecycle;
    private final AlertEmitter emitter;
    private final AlerterMetrics metrics;
    private final Handler handler;
    private final Caps caps;

    DeadlineRunner(AlertLedger ledger, RuleBook rules, Lifecycle lifecycle, AlertEmitter emitter, AlerterMetrics metrics, Handler handler,
                   Caps caps) {
        this.ledger = ledger;
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.emitter = emitter;
        this.metrics = metrics;
        this.handler = handler;
        this.caps = caps;
    }

    /** Applies every deadline at or before {@code now} and its subject's cap. */
    void runDue(Instant now, long timestamp) {
        // Deadlines past their subject's cap stay in the index; the next batch reads past them.
        Set<String> deferred = new HashSet<>();
        while (true) {
            boolean progressed = false;
            for (KeyValue<String, String> kv : ledger.dueBy(now, DUE_BATCH + deferred.size())) {
                if (deferred.contains(kv.key)) {
                    continue;
                }
                Instant cap = caps.capOf(AlertLedger.subjectOf(kv.value));
                if (cap != null && DeadlineKeys.timeOf(kv.key).isAfter(cap)) {
                    deferred.add(kv.key);
                } else {
                    apply(kv.key, kv.value, timestamp);
                }
                progressed = true;
            }
            if (!progressed) {
                return;
            }
        }
    }

    private void apply(String indexKey, String entryKey, long timestamp) {
        ledger.dropDeadline(indexKey);
        LifecycleEntry entry = ledger.get(entryKey);
        if (entry == null || entry.deadline() == null
                || entry.deadline().toEpochMilli() != DeadlineKeys.timeOf(indexKey).toEpochMilli()) {
            return; // a deadline the entry has since moved
        }
        Instant at = entry.deadline();
        LifecycleEntry undated = entry.withoutDeadline();
        Step step;
        try {
            AlertRule rule = rules.get(entry.rule());
            String why = RuleBook.whyNotApplicable(rule, entry.rule(), entry.type(), entry.subject());
            step = why != null ? lifecycle.retire(undated, at, why, emitter.maker(null))
                    : handler.onDeadline(undated, rule, at, emitter.maker(null));
        } catch (RuntimeException e) {
            LOG.error("deadline {} of {} failed; the entry keeps its state without a deadline", at, entryKey, e);
            metrics.evaluationError(entry.rule());
            step = new Step(undated, List.of());
        }
        LifecycleEntry next = step.entry();
        if (next.deadline() != null && !next.deadline().isAfter(at)) {
            LOG.error("deadline of {} did not advance past {}; dropping it", entryKey, at);
            next = next.withoutDeadline();
        }
        ledger.store(entryKey, undated, new Step(next, step.emitted()), timestamp, false);
    }
}
