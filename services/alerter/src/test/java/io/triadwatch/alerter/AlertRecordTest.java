package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.DELEGATION_VISIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertRecordTest {
    private final AlerterDriver alerter = new AlerterDriver(AlerterConfig.builder("test:9092").dashboardBaseUrl("https://tw.example.org/")
            // hand-made triad states, not readings of the dyad states' moves: nothing to wait for
            .contextTimeout(Duration.ZERO).build());
    private final States states = new States();

    @AfterEach
    void close() {
        alerter.close();
    }

    private static TriadState chnPrkRus(String day, String lastDyad, String eventId, double chnPrk, double chnRus, double chnRusDelta, double prkRus) {
        return States.triad("CHN-PRK-RUS", day, lastDyad, eventId, "CHN", true, Map.of(
                "CHN-PRK", new double[]{chnPrk, 0}, "CHN-RUS", new double[]{chnRus, chnRusDelta}, "PRK-RUS", new double[]{prkRus, 0}));
    }

    @Test
    void shouldFillTheAlertRecordWithEvidenceContextAndLinks() {
        // Given the rank-drop rule and a watched triad in which CHN-RUS warmed in spring 2023
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}");
        alerter.triad(chnPrkRus("2017-07-04", "CHN-RUS", "statement-2017", 0.5, 0.3, 0.3, 0.2));
        alerter.triad(chnPrkRus("2023-06-01", "CHN-RUS", "summit-2023", 0.5, 0.6, 0.3, 0.2));
        alerter.triad(States.triad("CHN-PRK-USA", "2022-01-01", "PRK-USA", "missiles", "CHN", true, Map.of(
                "CHN-PRK", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.2, 0}, "PRK-USA", new double[]{-0.6, -0.2})));
        Instant appended = Instant.parse("2029-12-31T23:59:59Z");

        // When China's Victory Day delegation of 2023 ranks far below 2013's
        alerter.dyad(states.move("CHN-PRK", "2023-07-27", "victory-2023", DELEGATION_VISIT, 0.04)
                .visit("PRK:CHN:PRK_VICTORY_DAY", "Li Hongzhong", 0.416, "LEADERSHIP 24/25", 0.544)
                .appendedAt(appended));

        // Then the record carries everything an analyst needs, keyed by its fingerprint
        KeyValue<String, Alert> record = alerter.keyedAlerts().get(0);
        Alert a = record.value;
        assertThat(record.key).isEqualTo("rank-drop:CHN-PRK");
        assertThat(a.fingerprint()).isEqualTo(record.key);
        assertThat(a.rule()).isEqualTo("rank-drop");
        assertThat(a.subject()).isEqualTo("CHN-PRK");
        assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.severityReason()).startsWith("a delegation 0.128 of protocol weight below its occasion baseline")
                .contains("as a move: this is not unusual for CHN-PRK");
        assertThat(a.occurredAt()).isEqualTo(States.at("2023-07-27"));
        assertThat(a.startsAt()).isEqualTo(States.at("2023-07-27"));
        assertThat(a.endsAt()).isNull();
        assertThat(a.episode()).isEqualTo(1);
        assertThat(a.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId).containsExactly("victory-2023");
        assertThat(a.baselineVisits()).hasSize(1);
        assertThat(a.generatorURL()).isEqualTo("https://tw.example.org/#/dyad/CHN-PRK");
        assertThat(a.emittedAt()).isEqualTo(AlerterDriver.WALL_CLOCK);
        assertThat(a.eventAppendedAt()).isEqualTo(appended);
        assertThat(a.context()).extracting(Alert.TriadContext::triad).containsExactly("CHN-PRK-RUS", "CHN-PRK-USA");
        Alert.TriadContext triangle = a.context().get(0);
        assertThat(triangle.otherDyads()).extracting(Alert.OtherDyad::dyad).containsExactly("CHN-RUS", "PRK-RUS");
        assertThat(triangle.otherDyads().get(0).score()).isEqualTo(0.6);
        assertThat(triangle.otherDyads().get(0).changeInWindow()).isCloseTo(0.3, within(1e-9));
        assertThat(triangle.zeroSumVerdict()).isEqualTo("NO_ZERO_SUM_EVIDENCE");
        assertThat(triangle.reading()).isEqualTo("CHN-RUS stayed positive (+0.60, +0.30 over P90D) and PRK-RUS stayed positive "
                + "(+0.20, +0.00 over P90D): CHN-RUS moved the other way from CHN-PRK: consistent with a zero-sum trade, "
                + "not proof of one (triad verdict NO_ZERO_SUM_EVIDENCE)");
        assertThat(a.context().get(1).reading()).contains("CHN-USA stayed negative").contains("no zero-sum trade");
        assertThat(Json.string(a)).contains("\"status\":\"FIRING\"").contains("\"severity\":\"warning\"");
    }

    @Test
    void shouldCountFiredAndResolvedAlertsAndTimeThem() {
        // Given the rank-drop rule
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}");

        // When a drop fires (its event appended a second before the wall clock) and is later resolved by its hold
        alerter.dyad(states.move("CHN-PRK", "2023-07-27", "victory-2023", DELEGATION_VISIT, 0.04)
                .visit("PRK:CHN:PRK_VICTORY_DAY", "Li Hongzhong", 0.416, "LEADERSHIP 24/25", 0.544)
                .appendedAt(AlerterDriver.WALL_CLOCK.minus(Duration.ofSeconds(1))));
        alerter.dyad(states.move("KOR-USA", "2023-12-01", "later", DELEGATION_VISIT, 0.04));

        // Then both are counted by rule and severity, and the event-to-alert time is recorded
        assertThat(alerter.alerts()).hasSize(2);
        assertThat(alerter.counter("triadwatch.alerts.fired", "rule", "rank-drop", "severity", "warning")).isEqualTo(1.0);
        assertThat(alerter.counter("triadwatch.alerts.resolved", "rule", "rank-drop", "severity", "warning")).isEqualTo(1.0);
        var timer = alerter.registry.find("triadwatch.alerter.event.to.alert").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1000.0);
    }
}
