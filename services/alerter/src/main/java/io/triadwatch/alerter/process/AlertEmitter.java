package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.model.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a processor's alert records and writes them downstream, counting each by rule and severity
 * and timing the ones the record being processed caused.
 */
final class AlertEmitter {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEmitter.class);

    private final ProcessorContext<String, Alert> context;
    private final AlerterMetrics metrics;
    private final String urlPrefix;

    /**
     * @param context          the processor's context
     * @param metrics          the alerter metrics
     * @param dashboardBaseUrl the dashboard's base URL
     * @param urlPath          the dashboard view of this processor's subjects ({@code dyad}, {@code triad})
     */
    AlertEmitter(ProcessorContext<String, Alert> context, AlerterMetrics metrics, String dashboardBaseUrl, String urlPath) {
        this.context = context;
        this.metrics = metrics;
        this.urlPrefix = dashboardBaseUrl + "/#/" + urlPath + "/";
    }

    /**
     * Forwards the records, keyed by fingerprint.
     *
     * @param fresh true when the record being processed caused them (their latency is measured)
     */
    void emit(List<Alert> alerts, long timestamp, boolean fresh) {
        for (Alert alert : alerts) {
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
                        episode, f.triggeringEvents(), f.baselineVisits(), f.context(), f.summary(), urlPrefix + f.subject(), now,
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
}
