package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.evaluate.Observation;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.alerter.lifecycle.Lifecycle;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.lifecycle.Step;
import io.triadwatch.alerter.rules.RuleBook;
import io.triadwatch.model.AlertRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the applicable rules on a fresh state of one subject through their lifecycles, and retires
 * episodes whose rules were deleted, disabled, re-typed or narrowed.
 */
final class RuleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);

    /** Observes one rule on the state being processed; the processor's own rule logic. */
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

    private final AlertLedger ledger;
    private final RuleBook rules;
    private final Lifecycle lifecycle;
    private final AlertEmitter emitter;
    private final AlerterMetrics metrics;

    RuleRunner(AlertLedger ledger, RuleBook rules, Lifecycle lifecycle, AlertEmitter emitter, AlerterMetrics metrics) {
        this.ledger = ledger;
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.emitter = emitter;
        this.metrics = metrics;
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
        evaluateAll(subject, types, at, timestamp, maker, observer, rule -> false);
    }

    /**
     * As {@link #evaluateAll(String, Set, Instant, long, AlertMaker, RuleObserver)}, skipping each rule
     * that has no open episode on the subject (no entry, or an inactive one of the rule's type) and
     * that {@code cannotTrigger} says the state cannot trigger: such an evaluation could only observe an
     * inactive condition, which changes no entry's episode and emits nothing. Skips are counted.
     *
     * @param cannotTrigger true for a rule whose condition this state cannot meet (a bound that never errs
     *                      towards true); {@code rule -> false} evaluates every rule
     */
    void evaluateAll(String subject, Set<AlertRule.Type> types, Instant at, long timestamp, AlertMaker maker, RuleObserver observer,
                     Predicate<AlertRule> cannotTrigger) {
        Map<String, LifecycleEntry> open = ledger.entriesOf(subject);
        for (AlertRule rule : rules.applicable(types, subject)) {
            String key = AlertLedger.key(subject, rule.id());
            LifecycleEntry found = open.remove(rule.id());
            boolean noEpisode = noEpisode(found, rule);
            LifecycleEntry entry = found != null ? found : LifecycleEntry.fresh(rule.id(), rule.type(), subject);
            try {
                if (noEpisode && cannotTrigger.test(rule)) {
                    metrics.evaluationSkipped();
                    continue;
                }
                if (entry.type() != rule.type()) {
                    Step retired = lifecycle.retire(entry, at, "rule " + rule.id() + " changed type to " + rule.type(), maker);
                    ledger.store(key, entry, retired, timestamp, true);
                    entry = retired.entry().retyped(rule.type());
                }
                for (Timed timed : observer.observe(rule, entry)) {
                    boolean wasOpen = entry.phase() != LifecycleEntry.Phase.INACTIVE;
                    if (wasOpen && !Lifecycle.continuous(rule.type()) && timed.at().isBefore(entry.since())) {
                        LOG.debug("{}: observation of {} is older than the open episode; ignored", key, timed.at());
                        break;
                    }
                    Step step = lifecycle.observe(entry, rule, timed.observation(), timed.at(), maker);
                    ledger.store(key, entry, step, timestamp, true);
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

    /**
     * Whether evaluating a fresh state of {@code subject} may observe anything: some applicable rule has
     * an open episode on it, or {@code cannotTrigger} does not rule the state out for some rule. When not,
     * {@link #evaluateAll(String, Set, Instant, long, AlertMaker, RuleObserver, Predicate)} would skip every
     * rule. A rule whose bound fails counts as one that may.
     */
    boolean mayObserve(String subject, Set<AlertRule.Type> types, Predicate<AlertRule> cannotTrigger) {
        Map<String, LifecycleEntry> entries = ledger.entriesOf(subject);
        for (AlertRule rule : rules.applicable(types, subject)) {
            try {
                if (!noEpisode(entries.get(rule.id()), rule) || !cannotTrigger.test(rule)) {
                    return true;
                }
            } catch (RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    /** @return true when {@code found} (or its absence) has no episode of {@code rule} open */
    private static boolean noEpisode(LifecycleEntry found, AlertRule rule) {
        return found == null || found.phase() == LifecycleEntry.Phase.INACTIVE && found.type() == rule.type();
    }

    /** Retires every open episode of {@code subject}, saying why (e.g. the triad is no longer watched). */
    void retireAll(String subject, Instant at, String why, long timestamp) {
        ledger.entriesOf(subject).forEach((ruleId, entry) -> ledger.store(AlertLedger.key(subject, ruleId), entry,
                lifecycle.retire(entry, at, why, emitter.maker(null)), timestamp, true));
    }

    /**
     * Resolves, at event time {@code now}, the open episodes whose rule no longer applies, and resets
     * the pending gauge to what is still pending.
     */
    void sweep(Instant now, long timestamp) {
        long pending = 0;
        for (KeyValue<String, LifecycleEntry> kv : ledger.open()) {
            LifecycleEntry entry = kv.value;
            String why = RuleBook.whyNotApplicable(rules.get(entry.rule()), entry.rule(), entry.type(), entry.subject());
            if (why != null) {
                ledger.store(kv.key, entry, lifecycle.retire(entry, now, why, emitter.maker(null)), timestamp, false);
            } else if (entry.phase() == LifecycleEntry.Phase.PENDING) {
                pending++;
            }
        }
        ledger.pending(pending);
    }

    private void retireLeftovers(Map<String, LifecycleEntry> leftovers, Instant at, long timestamp) {
        leftovers.forEach((ruleId, entry) -> {
            if (entry.phase() == LifecycleEntry.Phase.INACTIVE) {
                return;
            }
            String why = RuleBook.whyNotApplicable(rules.get(ruleId), ruleId, entry.type(), entry.subject());
            if (why != null) {
                ledger.store(AlertLedger.key(entry.subject(), ruleId), entry, lifecycle.retire(entry, at, why, emitter.maker(null)), timestamp, true);
            }
        });
    }
}
