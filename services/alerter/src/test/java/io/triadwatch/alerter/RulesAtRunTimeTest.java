package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.SUMMIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.alert.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RulesAtRunTimeTest {
    private static final String SHIFT = "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":%s,\"window\":\"P90D\"%s}";

    private final AlerterDriver alerter = new AlerterDriver();
    private final States states = new States();

    @AfterEach
    void close() {
        alerter.close();
    }

    private void shiftRule(String threshold, String extra) {
        alerter.rule("shift", String.format(SHIFT, threshold, extra));
    }

    @Test
    void shouldApplyARuleEditedAtRunTime() {
        // Given a shift rule of 0.2 that fires on one dyad
        shiftRule("0.2", "");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "a", UN_VOTE, 0.3));
        assertThat(alerter.alerts()).hasSize(1);

        // When the threshold is raised to 0.5 and another dyad moves by 0.3
        shiftRule("0.5", "");
        alerter.dyad(states.move("PRK-RUS", "2024-01-02", "b", UN_VOTE, 0.3));

        // Then the edited rule holds: no alert for the second move
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldResolveAlertsOfADisabledRuleOnTheSubjectsNextState() {
        // Given a firing shift
        shiftRule("0.2", "");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "a", UN_VOTE, 0.3));
        assertThat(alerter.alerts()).hasSize(1);

        // When the rule is disabled and the dyad moves again
        shiftRule("0.2", ",\"enabled\":false");
        alerter.dyad(states.move("CHN-PRK", "2024-01-05", "b", SUMMIT, 0.01));

        // Then the alert resolves, saying why
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(a.summary()).startsWith("Resolved 2024-01-05: rule shift was disabled");
        });
    }

    @Test
    void shouldResolveAlertsOfADeletedRuleOnTheNextSweep() {
        // Given a firing shift
        shiftRule("0.2", "");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "a", UN_VOTE, 0.3));
        assertThat(alerter.alerts()).hasSize(1);

        // When the rule is deleted and the sweep interval passes without any state
        alerter.rule("shift", null);
        alerter.advanceWallClock(Duration.ofSeconds(31));

        // Then the alert resolves at the task's event time
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(a.endsAt()).isEqualTo(States.at("2024-01-01"));
            assertThat(a.summary()).contains("rule shift was deleted");
        });
    }

    @Test
    void shouldCountABadRuleRecordAndKeepThePreviousVersion() {
        // Given a valid shift rule
        shiftRule("0.2", "");

        // When bad records arrive: not JSON, a negative threshold, a key that is not the id, no key
        alerter.rawRule("shift", "{not json".getBytes(StandardCharsets.UTF_8));
        shiftRule("-1", "");
        alerter.rule("other", String.format(SHIFT, "0.9", ""));
        alerter.rawRule(null, "{}".getBytes(StandardCharsets.UTF_8));

        // Then each is counted by reason, the thread keeps running and the valid version still applies
        assertThat(alerter.counter("triadwatch.alerter.rules.rejected", "reason", "INVALID_JSON")).isEqualTo(1.0);
        assertThat(alerter.counter("triadwatch.alerter.rules.rejected", "reason", "SCHEMA")).isEqualTo(1.0);
        assertThat(alerter.counter("triadwatch.alerter.rules.rejected", "reason", "KEY_MISMATCH")).isEqualTo(1.0);
        assertThat(alerter.counter("triadwatch.alerter.rules.rejected", "reason", "NULL_KEY")).isEqualTo(1.0);
        assertThat(alerter.counter("triadwatch.alerter.rules.accepted")).isEqualTo(1.0);
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "a", UN_VOTE, 0.3));
        assertThat(alerter.alerts()).singleElement().satisfies(a -> assertThat(a.threshold()).isEqualTo(0.2));
    }

    @Test
    void shouldSkipAnUnreadableStateAndKeepGoing() {
        // Given a shift rule
        shiftRule("0.2", "");

        // When a dyad-state record is not JSON, and a good one follows
        alerter.rawDyad("CHN-PRK", "{oops");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "a", UN_VOTE, 0.3));

        // Then the good one is processed
        assertThat(alerter.alerts()).hasSize(1);
    }
}
