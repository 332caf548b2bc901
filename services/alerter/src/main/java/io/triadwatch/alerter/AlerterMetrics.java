package io.triadwatch.alerter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.triadwatch.model.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerter's own meters. Prometheus renders them as:
 * <ul>
 *   <li>{@code triadwatch_alerts_fired_total{rule,severity}}: FIRING records written;</li>
 *   <li>{@code triadwatch_alerts_resolved_total{rule,severity}}: RESOLVED records written;</li>
 *   <li>{@code triadwatch_alerts_pending}: fingerprints in PENDING, over the tasks this instance runs;</li>
 *   <li>{@code triadwatch_alerter_event_to_alert_seconds}: from the triggering event's append to the
 *       alert record, with percentiles (records emitted because event time passed a deadline are not timed);</li>
 *   <li>{@code triadwatch_alerter_rules_accepted_total} and {@code triadwatch_alerter_rules_rejected_total{reason}}:
 *       rule records read from the rules topic;</li>
 *   <li>{@code triadwatch_alerter_states_duplicate_total{input}}: states skipped because already applied;</li>
 *   <li>{@code triadwatch_alerter_evaluation_errors_total{rule}}: rule evaluations that failed (logged, skipped);</li>
 *   <li>{@code triadwatch_alerter_evaluations_skipped_total}: rule evaluations left out because the state could
 *       not trigger the rule and no episode of it was open on the subject (the alerts are the same without them);</li>
 *   <li>{@code triadwatch_alerter_context_held}: dyad states held, over the tasks this instance runs, until the
 *       triad readings of their move have arrived (docs/reliability.md, "Deterministic output");</li>
 *   <li>{@code triadwatch_alerter_context_timeouts_total}: held dyad states evaluated because {@code contextTimeout}
 *       ran out before those readings came: their alerts' context may differ between runs of the same input;</li>
 *   <li>{@code triadwatch_alerter_context_truncated_total}: dyad alert contexts read from a triad timeline that had
 *       already dropped states the reading would use (a late move read after its dyad's later ones, or a triad more
 *       than {@code DyadContextStore.CAP} states ahead of its dyad): their context may differ between runs too.</li>
 * </ul>
 * Every method is safe to call from stream threads and never throws.
 */
public final class AlerterMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AlerterMetrics.class);

    /**
     * Pending counts by task, one map per registry: a gauge is registered once per registry and keeps
     * reading the map it was given, so a service started again on the same registry must share it.
     */
    private static final Map<MeterRegistry, Map<String, AtomicLong>> PENDING = Collections.synchronizedMap(new WeakHashMap<>());
    /** Held dyad states by task, one map per registry, for the same reason. */
    private static final Map<MeterRegistry, Map<String, AtomicLong>> HELD = Collections.synchronizedMap(new WeakHashMap<>());

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> pendingByTask;
    private final Map<String, AtomicLong> heldByTask;
    private final Timer latency;
    private final Counter skipped;

    /** @param registry where the meters live */
    public AlerterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pendingByTask = perTask(PENDING, registry, "triadwatch.alerts.pending",
                "alert fingerprints in PENDING (condition met, pendingFor not yet passed)");
        this.heldByTask = perTask(HELD, registry, "triadwatch.alerter.context.held",
                "dyad states held until the triad readings of their move have arrived");
        latency = Timer.builder("triadwatch.alerter.event.to.alert")
                .description("from the triggering event's append to the events topic to the alert record")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        // Counted for most states: registered once rather than looked up on every increment.
        skipped = Counter.builder("triadwatch.alerter.evaluations.skipped")
                .description("rule evaluations left out: the state could not trigger the rule and no episode of it was open")
                .register(registry);
    }

    private static Map<String, AtomicLong> perTask(Map<MeterRegistry, Map<String, AtomicLong>> maps, MeterRegistry registry,
                                                   String name, String description) {
        Map<String, AtomicLong> byTask = maps.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
        Gauge.builder(name, byTask, m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                .strongReference(true)
                .description(description)
                .register(registry);
        return byTask;
    }

    /** @return metrics that record nothing, for tools and tests that do not look */
    public static AlerterMetrics noop() {
        return new AlerterMetrics(new CompositeMeterRegistry());
    }

    /** @return the registry the meters live in */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one FIRING record. */
    public void fired(String rule, Severity severity) {
        count("triadwatch.alerts.fired", "FIRING alert records written", "rule", rule, "severity", severity.label());
    }

    /** Counts one RESOLVED record. */
    public void resolved(String rule, Severity severity) {
        count("triadwatch.alerts.resolved", "RESOLVED alert records written", "rule", rule, "severity", severity.label());
    }

    /** Records the time from an event's append to its alert; negative times (clock skew) count as zero. */
    public void eventToAlert(Duration elapsed) {
        try {
            latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
        } catch (RuntimeException e) {
            LOG.debug("cannot record latency", e);
        }
    }

    /** Counts one accepted rule record. */
    public void ruleAccepted() {
        count("triadwatch.alerter.rules.accepted", "rule records accepted from the rules topic");
    }

    /** Counts one rejected rule record. */
    public void ruleRejected(String reason) {
        count("triadwatch.alerter.rules.rejected", "rule records rejected (logged, previous version kept)", "reason", reason);
    }

    /** Counts one state skipped because it was already applied. */
    public void duplicateState(String input) {
        count("triadwatch.alerter.states.duplicate", "states skipped because already applied", "input", input);
    }

    /** Counts one rule evaluation left out because the state could not trigger the rule. */
    public void evaluationSkipped() {
        try {
            skipped.increment();
        } catch (RuntimeException e) {
            LOG.debug("cannot count a skipped evaluation", e);
        }
    }

    /** Counts one failed rule evaluation. */
    public void evaluationError(String rule) {
        count("triadwatch.alerter.evaluation.errors", "rule evaluations that threw (logged, skipped)", "rule", rule);
    }

    /** Sets the number of pending fingerprints of one task. */
    public void pending(String task, long count) {
        pendingByTask.computeIfAbsent(task, t -> new AtomicLong()).set(count);
    }

    /** Adds {@code delta} to the pending fingerprints of one task. */
    public void pendingDelta(String task, long delta) {
        if (delta != 0) {
            pendingByTask.computeIfAbsent(task, t -> new AtomicLong()).addAndGet(delta);
        }
    }

    /** Forgets a task that this instance no longer runs. */
    public void taskClosed(String task) {
        pendingByTask.remove(task);
        heldByTask.remove(task);
    }

    /** Adds {@code delta} to the dyad states one task holds for their triad readings. */
    public void heldDelta(String task, long delta) {
        if (delta != 0) {
            heldByTask.computeIfAbsent(task, t -> new AtomicLong()).addAndGet(delta);
        }
    }

    /**
     * Whether the alerter instances whose meters are in {@code registries} hold no dyad state for its
     * triad readings ({@code triadwatch.alerter.context.held} is 0): a held state is released by a
     * reading or a wall-clock punctuation, which no input offset shows.
     *
     * @return true when nothing is held (also when the alerter records no meters there)
     */
    public static boolean drained(MeterRegistry... registries) {
        double held = 0;
        for (MeterRegistry registry : registries) {
            held += registry.find("triadwatch.alerter.context.held").gauges().stream().mapToDouble(Gauge::value).sum();
        }
        return held <= 0;
    }

    /** Counts one held dyad state evaluated without all the triad readings of its move. */
    public void contextTimeout() {
        count("triadwatch.alerter.context.timeouts", "held dyad states evaluated because contextTimeout ran out before their triad readings");
    }

    /** Counts one dyad alert context read from a triad timeline that had dropped states the reading would use. */
    public void contextTruncated() {
        count("triadwatch.alerter.context.truncated", "dyad alert contexts read from a triad timeline that had dropped states the reading would use");
    }

    private void count(String name, String description, String... tags) {
        try {
            Counter.builder(name).description(description).tags(tags).register(registry).increment();
        } catch (RuntimeException e) {
            LOG.debug("cannot count {}", name, e);
        }
    }
}
