package io.triadwatch.delivery;

import io.triadwatch.model.AlertRule;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.BaselineVisit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Alert records for delivery tests, with the evidence fields filled in. */
public final class TestAlerts {
    private TestAlerts() {
    }

    /** A FIRING rank-drop alert for {@code subject}, episode 1, triggered at {@code occurredAt}. */
    public static Alert firing(String rule, String subject, Instant occurredAt) {
        return alert(rule, AlertRule.Type.RANK_DROP, subject, Alert.Status.FIRING, 1, occurredAt);
    }

    /** The RESOLVED record that ends {@code firing}'s episode, resolving at {@code occurredAt}. */
    public static Alert resolved(Alert firing, Instant occurredAt) {
        return new Alert(firing.fingerprint(), firing.rule(), firing.type(), firing.subject(), Alert.Status.RESOLVED,
                firing.severity(), firing.severityReason(), firing.value(), firing.threshold(), firing.window(),
                occurredAt, firing.startsAt(), occurredAt, firing.episode(), firing.triggeringEvents(),
                firing.baselineVisits(), firing.context(), "Resolved: " + firing.summary(), firing.generatorURL(),
                now(), null);
    }

    /** An alert with every evidence field set; {@code emittedAt} is now, to the millisecond. */
    public static Alert alert(String rule, AlertRule.Type type, String subject, Alert.Status status, long episode, Instant occurredAt) {
        return new Alert(Alert.fingerprint(rule, subject), rule, type, subject, status, Severity.WARNING,
                "a move its history calls unusual (z=2.4)", 0.42, 0.3, "P90D",
                occurredAt, occurredAt, status == Alert.Status.RESOLVED ? occurredAt : null, episode,
                List.of(new Alert.TriggeringEvent("visit-" + subject + "-" + occurredAt.toEpochMilli(), EventKind.DELEGATION_VISIT,
                        occurredAt, -1.25, "Delegation led by a lower-ranked official")),
                List.of(new BaselineVisit("visit-2018", Instant.parse("2018-09-09T00:00:00Z"), "Li Zhanshu", 0.9, "LEADERSHIP 3/25")),
                List.of(new Alert.TriadContext("CHN-PRK-RUS",
                        List.of(new Alert.OtherDyad("CHN-RUS", 0.42, 0.05), new Alert.OtherDyad("PRK-RUS", 0.61, 0.3)),
                        true, "NOT_ZERO_SUM", "CHN-RUS stayed positive (+0.42, +0.05 over P90D): no zero-sum trade")),
                "Rank drop for " + subject, "http://localhost:8080/#/dyad/" + subject, now(), null);
    }

    /** @return the wall clock, to the millisecond (Alertmanager keeps milliseconds) */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
