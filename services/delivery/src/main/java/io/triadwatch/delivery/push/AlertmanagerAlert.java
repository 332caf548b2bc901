package io.triadwatch.delivery.push;

import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.BaselineVisit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One element of the body of Alertmanager's {@code POST /api/v2/alerts} (its {@code postableAlert}).
 * Serialized with {@code Json}: null fields are left out.
 *
 * @param labels       identify the alert in Alertmanager; see {@link #of}
 * @param annotations  the evidence, as text
 * @param startsAt     wall-clock time the episode started firing
 * @param endsAt       wall-clock time it resolved; null while firing
 * @param generatorURL link to the dashboard view, or null
 */
public record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                                Instant endsAt, String generatorURL) {

    /**
     * Maps an alert record to Alertmanager's form.
     * <p>
     * <b>Labels</b> ({@code alertname} = rule type, {@code rule}, {@code subject},
     * {@code subject_kind} = dyad or triad, {@code severity}, {@code fingerprint}) come from the
     * episode's FIRING record, so that the RESOLVED push carries exactly the labels Alertmanager
     * knows the alert by, even if the RESOLVED record's severity differs.
     * <p>
     * <b>Times.</b> Alertmanager works in wall-clock time: an alert whose {@code endsAt} is in the
     * past is resolved, one without {@code endsAt} stays active for its {@code resolve_timeout}.
     * Triadwatch alerts carry event time (a replay of 2023 fires in 2023), so {@code startsAt} is the
     * FIRING record's {@code emittedAt} (when the alerter wrote it) and {@code endsAt} the RESOLVED
     * record's {@code emittedAt}; records without {@code emittedAt} use {@code now}. The event times
     * stay in the annotations ({@code occurredAt}, {@code eventStartsAt}, {@code eventEndsAt}).
     *
     * @param firing the episode's FIRING record, or null if unknown (then {@code latest} gives the labels)
     * @param latest the episode's latest record: the FIRING one, or the RESOLVED one that ends it
     * @param now    the time to use for a missing {@code emittedAt}
     * @return the Alertmanager alert
     */
    public static AlertmanagerAlert of(Alert firing, Alert latest, Instant now) {
        Alert identity = firing != null ? firing : latest;
        Instant startsAt = firing != null && firing.emittedAt() != null ? firing.emittedAt()
                : latest.status() == Alert.Status.FIRING && latest.emittedAt() != null ? latest.emittedAt() : now;
        Instant endsAt = null;
        if (latest.status() == Alert.Status.RESOLVED) {
            endsAt = latest.emittedAt() != null ? latest.emittedAt() : now;
            if (endsAt.isBefore(startsAt)) {
                startsAt = endsAt;
            }
        }
        return new AlertmanagerAlert(labels(identity), annotations(latest), startsAt, endsAt, latest.generatorURL());
    }

    static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.type().name());
        labels.put("rule", alert.rule());
        labels.put("subject", alert.subject());
        long dashes = alert.subject().chars().filter(c -> c == '-').count();
        put(labels, "subject_kind", dashes == 1 ? "dyad" : dashes == 2 ? "triad" : null);
        labels.put("severity", alert.severity().label());
        labels.put("fingerprint", alert.fingerprint());
        return labels;
    }

    static Map<String, String> annotations(Alert alert) {
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "summary", alert.summary());
        put(annotations, "severityReason", alert.severityReason());
        put(annotations, "value", String.valueOf(alert.value()));
        put(annotations, "threshold", alert.threshold() == null ? null : String.valueOf(alert.threshold()));
        put(annotations, "window", alert.window());
        put(annotations, "episode", String.valueOf(alert.episode()));
        put(annotations, "occurredAt", text(alert.occurredAt()));
        put(annotations, "eventStartsAt", text(alert.startsAt()));
        put(annotations, "eventEndsAt", text(alert.endsAt()));
        put(annotations, "triggeringEvents", lines(alert.triggeringEvents(), AlertmanagerAlert::event));
        put(annotations, "baselineVisits", lines(alert.baselineVisits(), AlertmanagerAlert::visit));
        put(annotations, "context", lines(alert.context(), AlertmanagerAlert::context));
        return annotations;
    }

    private static String event(Alert.TriggeringEvent e) {
        return e.eventId() + " " + e.kind() + " " + text(e.occurredAt())
                + String.format(Locale.ROOT, " contribution %+.3f", e.contribution())
                + (e.summary() == null ? "" : ": " + e.summary());
    }

    private static String visit(BaselineVisit v) {
        return v.eventId() + " " + text(v.occurredAt()) + " " + v.head()
                + (v.rankLabel() == null ? "" : " " + v.rankLabel())
                + String.format(Locale.ROOT, " weight %.3f", v.weight());
    }

    private static String context(Alert.TriadContext c) {
        if (c.reading() != null && !c.reading().isBlank()) {
            return c.triad() + ": " + c.reading();
        }
        return c.triad() + ": " + c.otherDyads().stream()
                .map(d -> String.format(Locale.ROOT, "%s %+.3f (%+.3f in window)", d.dyad(), d.score(), d.changeInWindow()))
                .collect(Collectors.joining(", "))
                + (c.balanced() ? ", balanced" : ", unbalanced")
                + (c.zeroSumVerdict() == null ? "" : ", " + c.zeroSumVerdict());
    }

    private static <T> String lines(List<T> items, java.util.function.Function<T, String> line) {
        return items.isEmpty() ? null : items.stream().map(line).collect(Collectors.joining("\n"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
