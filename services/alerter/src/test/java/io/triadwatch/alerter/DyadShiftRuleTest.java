package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.DELEGATION_VISIT;
import static io.triadwatch.model.EventKind.SUMMIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.model.alert.Alert;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DyadShiftRuleTest {
    private final AlerterDriver alerter = new AlerterDriver();
    private final States states = new States();

    @AfterEach
    void close() {
        alerter.close();
    }

    @Test
    void shouldFireWhenScoreMovesPastThresholdWithinWindow() {
        // Given a shift rule of 0.2 within 90 days
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\"}");

        // When CHN-PRK moves twice by 0.12 within a month
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "e1", SUMMIT, 0.12));
        assertThat(alerter.alerts()).isEmpty();
        alerter.dyad(states.move("CHN-PRK", "2024-02-01", "e2", SUMMIT, 0.12));

        // Then one FIRING record names both moves, newest first
        List<Alert> alerts = alerter.alerts();
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
        assertThat(alert.fingerprint()).isEqualTo("shift:CHN-PRK");
        assertThat(alert.value()).isCloseTo(0.24, within(1e-9));
        assertThat(alert.threshold()).isEqualTo(0.2);
        assertThat(alert.window()).isEqualTo("P90D");
        assertThat(alert.occurredAt()).isEqualTo(States.at("2024-02-01"));
        assertThat(alert.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId).containsExactly("e2", "e1");
        assertThat(alert.triggeringEvents().get(0).contribution()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void shouldCountOnlyMovesTriggeredByTheRuleKinds() {
        // Given a shift rule restricted to rank drops and UN votes
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\",\"triggerKinds\":[\"RANK_DROP\",\"UN_VOTE\"]}");

        // When a summit moves the dyad a lot, then a vote and a rank-drop visit move it a little each
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "summit", SUMMIT, 0.30));
        alerter.dyad(states.move("CHN-PRK", "2024-01-10", "vote", UN_VOTE, -0.10));
        List<Alert> beforeVisit = alerter.alerts();
        alerter.dyad(states.move("CHN-PRK", "2024-01-20", "visit", DELEGATION_VISIT, -0.12)
                .visit("PRK:CHN:PRK_VICTORY_DAY", "Li Hongzhong", 0.416, "LEADERSHIP 24/25", 0.544));

        // Then the summit never counts; the vote and the visit together reach the threshold
        assertThat(beforeVisit).isEmpty();
        List<Alert> alerts = alerter.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.value()).isCloseTo(0.22, within(1e-9));
            assertThat(a.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId).containsExactly("visit", "vote");
            assertThat(a.summary()).contains("counting moves triggered by RANK_DROP, UN_VOTE");
        });
    }

    @Test
    void shouldResolveWhenTheMovesLeaveTheWindow() {
        // Given a firing shift from a vote on 1 January
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\"}");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "vote", UN_VOTE, 0.25));
        assertThat(alerter.alerts()).extracting(Alert::status).containsExactly(Alert.Status.FIRING);

        // When event time passes 90 days (through another dyad's state)
        alerter.dyad(states.move("KOR-USA", "2024-05-01", "other", SUMMIT, 0.01));

        // Then the episode resolves when the vote left the window
        List<Alert> alerts = alerter.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(a.fingerprint()).isEqualTo("shift:CHN-PRK");
            assertThat(a.endsAt()).isEqualTo(States.at("2024-03-31"));
            assertThat(a.startsAt()).isEqualTo(States.at("2024-01-01"));
            assertThat(a.episode()).isEqualTo(1);
            assertThat(a.summary()).startsWith("Resolved 2024-03-31: the shift fell to 0.00");
        });
    }

    @Test
    void shouldStayPendingForThePendingPeriodThenFire() {
        // Given a shift rule that must hold for 10 days
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\",\"pendingFor\":\"P10D\"}");

        // When the dyad shifts on 1 January and event time reaches 5 January
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "vote", UN_VOTE, 0.25));
        alerter.dyad(states.move("KOR-USA", "2024-01-05", "other", SUMMIT, 0.01));

        // Then the alert is only pending
        assertThat(alerter.alerts()).isEmpty();
        assertThat(alerter.gauge("triadwatch.alerts.pending")).isEqualTo(1.0);

        // When event time passes 11 January
        alerter.dyad(states.move("KOR-USA", "2024-01-15", "other-2", SUMMIT, 0.01));

        // Then it fires as of the end of the pending period
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.startsAt()).isEqualTo(States.at("2024-01-11"));
            assertThat(a.occurredAt()).isEqualTo(States.at("2024-01-01"));
        });
        assertThat(alerter.gauge("triadwatch.alerts.pending")).isEqualTo(0.0);
    }

    @Test
    void shouldDropAPendingAlertWhoseConditionClearsInTime() {
        // Given a pending shift
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\",\"pendingFor\":\"P10D\"}");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "vote", UN_VOTE, 0.25));

        // When the dyad moves back below the threshold within the pending period, and time passes
        alerter.dyad(states.move("CHN-PRK", "2024-01-03", "vote-2", UN_VOTE, -0.10));
        alerter.dyad(states.move("KOR-USA", "2024-02-01", "other", SUMMIT, 0.01));

        // Then nothing is ever written
        assertThat(alerter.alerts()).isEmpty();
        assertThat(alerter.gauge("triadwatch.alerts.pending")).isEqualTo(0.0);
    }

    @Test
    void shouldYieldOneEpisodeWhenTheScoreOscillatesAroundTheThreshold() {
        // Given a shift rule with a hysteresis band of 0.05
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P365D\",\"hysteresis\":0.05}");

        // When the shift hovers around 0.2 (0.21, 0.18, 0.22, 0.18, 0.21, 0.19) and then falls to 0.10
        oscillate();
        alerter.dyad(states.move("CHN-PRK", "2024-03-01", "v7", UN_VOTE, -0.09));

        // Then there is one FIRING record and one RESOLVED record
        assertThat(alerter.alerts()).extracting(Alert::status, Alert::episode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.Status.FIRING, 1L),
                        org.assertj.core.groups.Tuple.tuple(Alert.Status.RESOLVED, 1L));
    }

    @Test
    void shouldFlapWithoutHysteresis() {
        // Given the same rule without a hysteresis band
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P365D\"}");

        // When the shift hovers around 0.2
        oscillate();

        // Then every crossing is an episode: what the hysteresis is for
        assertThat(alerter.alerts()).filteredOn(a -> a.status() == Alert.Status.FIRING).hasSize(3);
    }

    private void oscillate() {
        double[] moves = {0.21, -0.03, 0.04, -0.04, 0.03, -0.02};
        for (int i = 0; i < moves.length; i++) {
            alerter.dyad(states.move("CHN-PRK", "2024-01-" + String.format("%02d", 1 + 5 * i), "v" + (i + 1), UN_VOTE, moves[i]));
        }
    }

    @Test
    void shouldKeepFiringForKeepFiringForAfterTheConditionClears() {
        // Given a firing shift whose rule keeps firing 30 days after clearing
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\",\"keepFiringFor\":\"P30D\"}");
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "v1", UN_VOTE, 0.25));
        assertThat(alerter.alerts()).hasSize(1);

        // When the shift clears on 10 January, and event time reaches 1 February
        alerter.dyad(states.move("CHN-PRK", "2024-01-10", "v2", UN_VOTE, -0.15));
        alerter.dyad(states.move("KOR-USA", "2024-02-01", "other", SUMMIT, 0.01));

        // Then it still fires
        assertThat(alerter.alerts()).isEmpty();

        // When event time passes 9 February
        alerter.dyad(states.move("KOR-USA", "2024-02-15", "other-2", SUMMIT, 0.01));

        // Then it resolves as of 30 days after clearing
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(a.endsAt()).isEqualTo(States.at("2024-02-09"));
            assertThat(a.summary()).contains("and stayed there for P30D");
        });
    }

    @Test
    void shouldNotFireTwiceForTheSameState() {
        // Given a shift rule
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\"}");
        var state = states.move("CHN-PRK", "2024-01-01", "vote", UN_VOTE, 0.25).state();

        // When the same state arrives twice, and once more after the episode resolved
        alerter.dyad(state);
        alerter.dyad(state);
        alerter.dyad(states.move("KOR-USA", "2024-06-01", "other", SUMMIT, 0.01));
        alerter.dyad(state);

        // Then there is one FIRING and one RESOLVED, and the repeats are counted as duplicates
        assertThat(alerter.alerts()).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
        assertThat(alerter.counter("triadwatch.alerter.states.duplicate", "input", "dyad-state")).isEqualTo(2.0);
    }

    @Test
    void shouldJudgeALateMoveAtItsOwnEventTime() {
        // Given a shift rule and a task whose event time has reached 2025 through another dyad
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\"}");
        alerter.dyad(states.move("CHN-RUS", "2025-05-08", "summit-2025", SUMMIT, 0.01));

        // When a 2024 vote that moved PRK-RUS arrives late
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "vote-2024", UN_VOTE, 0.3));

        // Then its episode is written as it happened: firing on the vote, resolved when the vote left the window
        assertThat(alerter.alerts()).extracting(Alert::status, Alert::startsAt, Alert::endsAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.Status.FIRING, States.at("2024-03-28"), null),
                org.assertj.core.groups.Tuple.tuple(Alert.Status.RESOLVED, States.at("2024-03-28"), States.at("2024-06-26")));
    }

    @Test
    void shouldCountALateMoveInTheOpenWindowOfItsDyad() {
        // Given a shift rule and a dyad that moved by 0.15 on 1 March
        alerter.rule("shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.25,\"window\":\"P90D\"}");
        alerter.dyad(states.move("PRK-RUS", "2024-03-01", "summit", UN_VOTE, 0.15));

        // When a move of 0.15 dated 20 February arrives afterwards
        alerter.dyad(states.move("PRK-RUS", "2024-02-20", "late-vote", UN_VOTE, 0.15));

        // Then the two moves together make a shift as of 1 March
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.occurredAt()).isEqualTo(States.at("2024-03-01"));
            assertThat(a.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId).containsExactly("summit", "late-vote");
        });
    }
}
