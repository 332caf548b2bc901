package io.triadwatch.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertmanagerAlertTest {
    private static final Instant JULY = Instant.parse("2023-07-27T00:00:00Z");

    @Test
    void shouldLabelByFingerprintFieldsAndAnnotateWithTheEvidence() {
        // Given
        Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", JULY);

        // When
        AlertmanagerAlert am = AlertmanagerAlert.of(firing, firing, Instant.now());

        // Then
        assertThat(am.labels()).containsExactly(
                java.util.Map.entry("alertname", "RANK_DROP"),
                java.util.Map.entry("rule", "rank-drop"),
                java.util.Map.entry("subject", "CHN-PRK"),
                java.util.Map.entry("subject_kind", "dyad"),
                java.util.Map.entry("severity", "warning"),
                java.util.Map.entry("fingerprint", "rank-drop:CHN-PRK"));
        assertThat(am.annotations())
                .containsEntry("summary", "Rank drop for CHN-PRK")
                .containsEntry("severityReason", "a move its history calls unusual (z=2.4)")
                .containsEntry("occurredAt", "2023-07-27T00:00:00Z")
                .containsEntry("episode", "1")
                .containsKeys("triggeringEvents", "baselineVisits", "context");
        assertThat(am.annotations().get("triggeringEvents")).contains(firing.triggeringEvents().get(0).eventId(), "contribution -1.250");
        assertThat(am.annotations().get("baselineVisits")).contains("visit-2018", "Li Zhanshu", "LEADERSHIP 3/25");
        assertThat(am.annotations().get("context")).startsWith("CHN-PRK-RUS: CHN-RUS stayed positive");
        assertThat(am.startsAt()).isEqualTo(firing.emittedAt());
        assertThat(am.endsAt()).isNull();
        assertThat(am.generatorURL()).isEqualTo(firing.generatorURL());
    }

    @Test
    void shouldResolveWithTheFiringLabelsAndStartAndTheResolvedEmissionAsEnd() {
        // Given a RESOLVED record whose severity differs from its FIRING record's
        Alert firing = TestAlerts.firing("rank-drop", "CHN-PRK", JULY);
        Alert resolved = TestAlerts.resolved(firing, JULY.plusSeconds(86_400));
        Alert downgraded = new Alert(resolved.fingerprint(), resolved.rule(), resolved.type(), resolved.subject(), resolved.status(),
                Severity.INFO, resolved.severityReason(), resolved.value(), resolved.threshold(), resolved.window(),
                resolved.occurredAt(), resolved.startsAt(), resolved.endsAt(), resolved.episode(), resolved.triggeringEvents(),
                resolved.baselineVisits(), resolved.context(), resolved.summary(), resolved.generatorURL(),
                firing.emittedAt().plusSeconds(5), null);

        // When
        AlertmanagerAlert am = AlertmanagerAlert.of(firing, downgraded, Instant.now());

        // Then Alertmanager sees the same alert (same labels) ending at the RESOLVED record's emission
        assertThat(am.labels()).isEqualTo(AlertmanagerAlert.of(firing, firing, Instant.now()).labels());
        assertThat(am.startsAt()).isEqualTo(firing.emittedAt());
        assertThat(am.endsAt()).isEqualTo(firing.emittedAt().plusSeconds(5));
        assertThat(am.annotations()).containsEntry("eventEndsAt", "2023-07-28T00:00:00Z");
    }

    @Test
    void shouldTellTriadsFromDyads() {
        Alert triad = TestAlerts.alert("pivot", io.triadwatch.model.AlertRule.Type.PIVOT_CHANGE, "CHN-PRK-RUS",
                Alert.Status.FIRING, 2, JULY);

        assertThat(AlertmanagerAlert.of(triad, triad, Instant.now()).labels())
                .containsEntry("subject_kind", "triad")
                .containsEntry("alertname", "PIVOT_CHANGE");
    }
}
