package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.AlertRule;
import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.BaselineVisit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one rule found on one subject: everything an alert says except its lifecycle fields.
 *
 * @param rule             rule id
 * @param type             rule type
 * @param subject          dyad or triad id
 * @param value            the measured value
 * @param threshold        the rule's threshold, or null for structural rules
 * @param window           the window the value was measured over (ISO-8601), or null
 * @param occurredAt       event time of the trigger
 * @param severity         severity against the subject's own history
 * @param severityReason   why, in words
 * @param summary          one or two human sentences, ending with the severity reason
 * @param triggeringEvents the events behind it, newest first
 * @param baselineVisits   for rank findings, the visits of the baseline
 * @param context          the triad context, filled in by the processor
 * @param eventAppendedAt  append time of the triggering event, or null
 */
public record Finding(String rule, AlertRule.Type type, String subject, double value, Double threshold, String window,
                      Instant occurredAt, Severity severity, String severityReason, String summary,
                      List<Alert.TriggeringEvent> triggeringEvents, List<BaselineVisit> baselineVisits,
                      List<Alert.TriadContext> context, Instant eventAppendedAt) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(severity, "severity");
        triggeringEvents = triggeringEvents == null ? List.of() : List.copyOf(triggeringEvents);
        baselineVisits = baselineVisits == null ? List.of() : List.copyOf(baselineVisits);
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** @return this finding with the given triad context */
    public Finding withContext(List<Alert.TriadContext> value) {
        return new Finding(rule, type, subject, this.value, threshold, window, occurredAt, severity, severityReason, summary,
                triggeringEvents, baselineVisits, value, eventAppendedAt);
    }

    /** @return true when {@code minimum} is null or this finding's severity reaches it */
    public boolean reaches(Severity minimum) {
        return minimum == null || severity.compareTo(minimum) >= 0;
    }
}
