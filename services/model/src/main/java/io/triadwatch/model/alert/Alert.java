package io.triadwatch.model.alert;

import io.triadwatch.model.AlertRule;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.Severity;
import io.triadwatch.model.state.BaselineVisit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert, the value of {@code triadwatch.alerts.v1} (key = {@link #fingerprint()}). One FIRING
 * record opens an episode and one RESOLVED record closes it; an analyst can read <em>why</em> from
 * the record alone.
 *
 * @param fingerprint      stable id of rule + subject: {@code RULE_ID:SUBJECT}, e.g. {@code rank-drop:CHN-PRK}
 * @param rule             the rule id
 * @param type             the rule type
 * @param subject          a dyad ({@code CHN-PRK}) or a triad ({@code CHN-PRK-RUS})
 * @param status           FIRING or RESOLVED
 * @param severity         info / warning / critical, set by the move against the subject's own history
 * @param severityReason   why that severity, in words (e.g. "a move its history calls ordinary (z=0.4)")
 * @param value            the measured value (|Δscore|, weight gap, agreement rate, product ...)
 * @param threshold        the rule's threshold, or null for structural rules
 * @param window           the rule's window (ISO-8601), or null
 * @param occurredAt       event time of the trigger
 * @param startsAt         event time the episode started firing
 * @param endsAt           event time it resolved, or null while firing
 * @param episode          1 for the subject's first episode under this rule, then 2, 3 ...
 * @param triggeringEvents the events behind the alert with their contributions, newest first
 * @param baselineVisits   for rank alerts, the earlier visits of the occasion series
 * @param context          for each watched triad containing the subject, what its other dyads did
 * @param summary          one or two human sentences
 * @param generatorURL     link to the dashboard view of the subject
 * @param emittedAt        wall-clock time the alerter wrote the record
 * @param eventAppendedAt  append time of the triggering event (event→alert latency), or null
 */
public record Alert(String fingerprint, String rule, AlertRule.Type type, String subject, Status status,
                    Severity severity, String severityReason, double value, Double threshold, String window,
                    Instant occurredAt, Instant startsAt, Instant endsAt, long episode,
                    List<TriggeringEvent> triggeringEvents, List<BaselineVisit> baselineVisits,
                    List<TriadContext> context, String summary, String generatorURL, Instant emittedAt,
                    Instant eventAppendedAt) {

    /** Lifecycle status carried on the topic. PENDING lives only in the alerter's store. */
    public enum Status { FIRING, RESOLVED }

    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        triggeringEvents = triggeringEvents == null ? List.of() : List.copyOf(triggeringEvents);
        baselineVisits = baselineVisits == null ? List.of() : List.copyOf(baselineVisits);
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** @return the fingerprint of {@code ruleId} on {@code subject} */
    public static String fingerprint(String ruleId, String subject) {
        return ruleId + ":" + subject;
    }

    /**
     * An event behind an alert.
     *
     * @param eventId      the event
     * @param kind         its kind
     * @param occurredAt   its event time
     * @param contribution the impulse it gave the subject dyad
     * @param summary      its summary, or null
     */
    public record TriggeringEvent(String eventId, EventKind kind, Instant occurredAt, double contribution, String summary) {
    }

    /**
     * What the other two dyads of a watched triad did over the alert's window: the zero-sum check.
     *
     * @param triad         the triad id
     * @param otherDyads    the triad's two other dyads
     * @param balanced      the triad's balance at the time
     * @param zeroSumVerdict the triad's zero-sum verdict at the time
     * @param reading       one sentence, e.g. "CHN-RUS stayed positive (+0.42, +0.05 over P90D): no zero-sum trade"
     */
    public record TriadContext(String triad, List<OtherDyad> otherDyads, boolean balanced, String zeroSumVerdict, String reading) {
        public TriadContext {
            otherDyads = List.copyOf(otherDyads);
        }
    }

    /**
     * One of the other dyads in a triad context.
     *
     * @param dyad           dyad id
     * @param score          its score at the time
     * @param changeInWindow its score change over the alert's window
     */
    public record OtherDyad(String dyad, double score, double changeInWindow) {
    }
}
