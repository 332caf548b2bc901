package io.triadwatch.alerter.lifecycle;

import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.alerter.evaluate.Observation;
import io.triadwatch.alerter.lifecycle.LifecycleEntry.Phase;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The alert lifecycle, PENDING → FIRING → RESOLVED, as a pure function of an entry, a rule, an
 * observation and an event time. Exactly one FIRING record opens an episode and exactly one RESOLVED
 * record closes it.
 * <p><b>Continuous rules</b> ({@code DYAD_SHIFT}):
 * <ul>
 *   <li>inactive → an active observation opens the episode: PENDING when the rule has a
 *       {@code pendingFor}, else FIRING at once;</li>
 *   <li>pending → FIRING once the condition is active at or after {@code since + pendingFor}; back to
 *       inactive (silently) when the value falls below threshold − hysteresis;</li>
 *   <li>firing → stays firing while the value stays at or above threshold − hysteresis (a value
 *       hovering around the threshold is one episode); once below, it resolves at once, or after
 *       {@code keepFiringFor} if the value has not come back by then.</li>
 * </ul>
 * <p><b>Point rules</b> (rank, vote, flip, pivot) are about one event each:
 * <ul>
 *   <li>a qualifying event opens an episode (PENDING for {@code pendingFor}, then FIRING);</li>
 *   <li>the same event again changes nothing;</li>
 *   <li>an observation showing the episode's series back in line (the next visit of the series within
 *       the threshold, the pair voting together again, the triad flipping back) cancels a pending
 *       episode and resolves a firing one;</li>
 *   <li>a new qualifying event resolves the firing episode ("superseded") and opens its own;</li>
 *   <li>otherwise a firing episode resolves after {@code keepFiringFor}, or the alerter's point hold
 *       when the rule has none, counted in event time from its start.</li>
 * </ul>
 * Event time never runs backwards for an entry: a late observation is applied at the entry's latest time.
 */
public final class Lifecycle {
    private final Duration pointHold;

    /** @param pointHold how long a point alert fires when its rule has no {@code keepFiringFor} */
    public Lifecycle(Duration pointHold) {
        this.pointHold = Objects.requireNonNull(pointHold, "pointHold");
    }

    /** @return true for rules whose condition holds over time rather than per event */
    public static boolean continuous(AlertRule.Type type) {
        return type == AlertRule.Type.DYAD_SHIFT;
    }

    /**
     * Applies an observation made on a fresh state.
     *
     * @param entry the fingerprint's entry (a fresh one when it has none)
     * @param rule  the rule, current version
     * @param o     the observation
     * @param t     the event time of the observation
     * @param maker builds the records
     * @return the new entry and what to emit
     */
    public Step observe(LifecycleEntry entry, AlertRule rule, Observation o, Instant t, AlertMaker maker) {
        Instant at = notBefore(t, entry);
        return o.kind() == Observation.Kind.CONTINUOUS ? continuous(entry, rule, o, at, maker) : point(entry, rule, o, at, maker);
    }

    /**
     * Applies the passing of event time to {@code t}, a deadline the entry asked for.
     *
     * @param entry      the entry
     * @param rule       the rule, current version
     * @param continuous for continuous rules the observation re-measured at {@code t}; ignored otherwise
     * @param t          the deadline
     * @param maker      builds the records
     * @return the new entry and what to emit
     */
    public Step tick(LifecycleEntry entry, AlertRule rule, Observation continuous, Instant t, AlertMaker maker) {
        Instant at = notBefore(t, entry);
        if (entry.phase() == Phase.INACTIVE) {
            return Step.of(entry.withDeadline(null));
        }
        if (continuous(rule.type())) {
            return continuous(entry, rule, Objects.requireNonNull(continuous, "continuous observation"), at, maker);
        }
        if (entry.phase() == Phase.PENDING) {
            Instant due = entry.since().plus(rule.pendingFor());
            return at.isBefore(due) ? Step.of(entry.withDeadline(due)) : fire(entry, rule, entry.finding(), due, null, maker, List.of());
        }
        Instant end = entry.since().plus(holdOf(rule));
        if (at.isBefore(end)) {
            return Step.of(entry.withDeadline(end));
        }
        return resolve(entry, end, entry.finding().value(),
                "no new " + entry.series() + " event changed it for " + Durations.iso(holdOf(rule)) + " (the point-alert hold)", maker, List.of());
    }

    /**
     * Ends whatever the entry has open because its rule no longer applies (deleted, disabled, changed
     * type or scope): a pending episode is dropped, a firing one resolved.
     *
     * @param entry  the entry
     * @param t      the event time
     * @param reason why, in words
     * @param maker  builds the records
     * @return the new entry and what to emit
     */
    public Step retire(LifecycleEntry entry, Instant t, String reason, AlertMaker maker) {
        return switch (entry.phase()) {
            case INACTIVE -> Step.of(entry.withDeadline(null));
            case PENDING -> Step.of(entry.inactive());
            case FIRING -> resolve(entry, notBefore(t, entry), entry.finding() == null ? 0 : entry.finding().value(), reason, maker, List.of());
        };
    }

    private Step continuous(LifecycleEntry e, AlertRule rule, Observation o, Instant t, AlertMaker maker) {
        switch (e.phase()) {
            case INACTIVE:
                return o.active() ? open(e, rule, o, t, maker, List.of()) : Step.of(e.withDeadline(null));
            case PENDING: {
                if (o.cleared()) {
                    return Step.of(e.inactive());
                }
                Finding latest = o.finding() != null ? o.finding() : e.finding();
                Instant due = e.since().plus(rule.pendingFor());
                if (o.active() && !t.isBefore(due)) {
                    return fire(e, rule, latest, t, o.nextChange(), maker, List.of());
                }
                return Step.of(e.withFinding(latest).withDeadline(earliestAfter(t, due, o.nextChange())));
            }
            default: {
                if (!o.cleared()) {
                    Finding latest = o.finding() != null ? o.finding() : e.finding();
                    return Step.of(e.withClearedSince(null).withFinding(latest).withDeadline(earliestAfter(t, o.nextChange())));
                }
                double value = o.finding() == null ? 0 : o.finding().value();
                Duration keep = rule.keepFiringFor();
                if (keep.isZero()) {
                    return resolve(e, t, value, belowReason(rule, value, keep), maker, List.of());
                }
                Instant clearedSince = e.clearedSince() != null ? e.clearedSince() : t;
                Instant end = clearedSince.plus(keep);
                if (!t.isBefore(end)) {
                    return resolve(e, end, value, belowReason(rule, value, keep), maker, List.of());
                }
                return Step.of(e.withClearedSince(clearedSince).withDeadline(end));
            }
        }
    }

    private Step point(LifecycleEntry e, AlertRule rule, Observation o, Instant t, AlertMaker maker) {
        boolean open = e.phase() != Phase.INACTIVE;
        if (open && o.cleared() && Objects.equals(o.series(), e.series())) {
            if (e.phase() == Phase.PENDING) {
                return Step.of(e.inactive());
            }
            return resolve(e, t, e.finding().value(), e.series() + " is back in line (" + o.eventKey() + ")", maker, List.of());
        }
        if (!o.active() || o.eventKey().equals(e.eventKey())) {
            return Step.of(e);
        }
        List<Alert> emitted = new ArrayList<>();
        LifecycleEntry base = e;
        if (e.phase() == Phase.FIRING) {
            Step closed = resolve(e, t, e.finding().value(), "superseded by " + o.eventKey() + ", which opens a new episode", maker, List.of());
            emitted.addAll(closed.emitted());
            base = closed.entry();
        } else if (e.phase() == Phase.PENDING) {
            base = e.inactive();
        }
        return open(base, rule, o, t, maker, emitted);
    }

    private Step open(LifecycleEntry e, AlertRule rule, Observation o, Instant t, AlertMaker maker, List<Alert> before) {
        LifecycleEntry base = e.episodeOf(o.series(), o.eventKey(), o.before());
        if (rule.pendingFor().isZero()) {
            return fire(base, rule, o.finding(), t, o.nextChange(), maker, before);
        }
        Instant due = t.plus(rule.pendingFor());
        LifecycleEntry pending = base.pending(t, o.finding(), o.series(), o.eventKey(), o.before());
        Instant deadline = o.kind() == Observation.Kind.CONTINUOUS ? earliestAfter(t, due, o.nextChange()) : due;
        return new Step(pending.withDeadline(deadline), before);
    }

    private Step fire(LifecycleEntry e, AlertRule rule, Finding finding, Instant startsAt, Instant nextChange,
                      AlertMaker maker, List<Alert> before) {
        Alert record = maker.firing(finding, e.episodes() + 1, startsAt);
        Instant deadline = continuous(rule.type()) ? earliestAfter(startsAt, nextChange) : startsAt.plus(holdOf(rule));
        List<Alert> emitted = new ArrayList<>(before);
        emitted.add(record);
        return new Step(e.firing(startsAt, finding, record).withDeadline(deadline), emitted);
    }

    private static Step resolve(LifecycleEntry e, Instant endsAt, double value, String reason, AlertMaker maker, List<Alert> before) {
        List<Alert> emitted = new ArrayList<>(before);
        if (e.firing() != null) {
            emitted.add(maker.resolved(e.firing(), endsAt, value, reason));
        }
        return new Step(e.inactive(), emitted);
    }

    private Duration holdOf(AlertRule rule) {
        return rule.keepFiringFor().isZero() ? pointHold : rule.keepFiringFor();
    }

    private static String belowReason(AlertRule rule, double value, Duration keep) {
        double threshold = rule.threshold() == null ? 0 : rule.threshold();
        double hysteresis = rule.hysteresis() == null ? 0 : rule.hysteresis();
        return String.format(Locale.ROOT, "the shift fell to %.2f, below %.2f (threshold %.2f minus hysteresis %.2f)%s",
                value, threshold - hysteresis, threshold, hysteresis, keep.isZero() ? "" : " and stayed there for " + Durations.iso(keep));
    }

    private static Instant notBefore(Instant t, LifecycleEntry e) {
        Instant at = t;
        if (e.since() != null && e.since().isAfter(at)) {
            at = e.since();
        }
        if (e.clearedSince() != null && e.clearedSince().isAfter(at)) {
            at = e.clearedSince();
        }
        return at;
    }

    /** @return the earliest of the candidates strictly after {@code t}, or null */
    private static Instant earliestAfter(Instant t, Instant... candidates) {
        Instant best = null;
        for (Instant c : candidates) {
            if (c != null && c.isAfter(t) && (best == null || c.isBefore(best))) {
                best = c;
            }
        }
        return best;
    }
}
