package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.DELEGATION_VISIT;
import static io.triadwatch.model.EventKind.SUMMIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeverityAndScopeTest {
    private static final String SHIFT = "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.2,\"window\":\"P90D\"%s}";

    private final AlerterDriver alerter = new AlerterDriver();
    private final States states = new States();

    @AfterEach
    void close() {
        alerter.close();
    }

    private void shiftRule(String extra) {
        alerter.rule("shift", String.format(SHIFT, extra));
    }

    @Test
    void shouldCallAMoveItsHistoryCallsOrdinaryInfoAndSaySo() {
        // Given a dyad whose 20 earlier moves average 0.25 (spread 0.1)
        shiftRule("");
        states.history(20, 0.25, 0.1);

        // When it moves by 0.21
        alerter.dyad(states.move("CHN-PRK", "2024-03-28", "vote", UN_VOTE, 0.21));

        // Then the alert is info and says the move is not unusual for CHN-PRK
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.INFO);
            assertThat(a.severityReason()).startsWith("this is not unusual for CHN-PRK: a move of 0.21 against its 20 earlier moves (z=-0.4");
            assertThat(a.summary()).contains("Severity info: this is not unusual for CHN-PRK");
        });
    }

    @Test
    void shouldCallAnExceptionalMoveCritical() {
        // Given a dyad whose earlier moves are small
        shiftRule("");
        states.history(20, 0.05, 0.02);

        // When it moves by 0.3
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "vote", UN_VOTE, 0.3));

        // Then the alert is critical
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.severityReason()).startsWith("an exceptional move for PRK-RUS");
        });
    }

    @Test
    void shouldCallAMoveWarningWhenTheHistoryIsTooShortToJudge() {
        // Given a dyad with only 2 earlier moves
        shiftRule("");
        states.history(2, 0.05, 0.02);

        // When it moves
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "vote", UN_VOTE, 0.3));

        // Then the alert is a warning that says why
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.severityReason()).contains("has 2 earlier moves, too few");
        });
    }

    @Test
    void shouldHonourMinSeverity() {
        // Given a shift rule that only emits warnings and above, on a dyad with large usual moves
        shiftRule(",\"minSeverity\":\"warning\"");
        states.history(20, 0.25, 0.1);

        // When an ordinary move reaches the threshold, and later an exceptional one
        alerter.dyad(states.move("CHN-PRK", "2024-01-01", "small", UN_VOTE, 0.21));
        var ordinary = alerter.alerts();
        alerter.dyad(states.move("KOR-USA", "2024-01-01", "big", UN_VOTE, 0.6));

        // Then only the exceptional one is emitted
        assertThat(ordinary).isEmpty();
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("KOR-USA");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void shouldRaiseARankDropToWarningByItsGapAgainstTheOccasionBaselineEvenWhenTheMoveIsOrdinary() {
        // Given the rank-drop rule on a dyad whose visits usually move it more than this one
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}");
        states.history(20, 0.25, 0.1);

        // When China's National Day delegation of 2023 ranks 0.06 below the mean of 2010 and 2018
        alerter.dyad(states.move("CHN-PRK", "2023-09-09", "national-2023", DELEGATION_VISIT, 0.05)
                .visit("PRK:CHN:PRK_NATIONAL_DAY", "Liu Guozhong", 0.5, "LEADERSHIP", 0.536, 0.584));

        // Then it is a warning, and the reason gives the gap first and the ordinary move after it
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.severityReason()).startsWith("a delegation 0.060 of protocol weight below its occasion baseline "
                    + "(0.500 against 0.560, the mean of 2 earlier visits; a warning from 0.05, critical from 0.20)").contains("as a move: this is not unusual for CHN-PRK");
            assertThat(a.summary()).contains("Severity warning: a delegation 0.060");
        });
    }

    @Test
    void shouldCallARankDropOfAWholeTierCritical() {
        // Given the rank-drop rule
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}");
        states.history(20, 0.25, 0.1);

        // When a minister (0.3) leads a delegation a Politburo member (0.544) led before
        alerter.dyad(states.move("CHN-PRK", "2025-07-27", "victory-2025", DELEGATION_VISIT, 0.03)
                .visit("PRK:CHN:PRK_VICTORY_DAY", "a minister", 0.3, "MINISTER", 0.544));

        // Then it is critical
        assertThat(alerter.alerts()).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void shouldCallAShiftFromAVetoAWarningEvenWhenTheMoveIsOrdinary() {
        // Given a dyad whose usual moves are larger than a veto's
        shiftRule("");
        states.history(20, 0.7, 0.3);

        // When a veto moves it by 0.6 (impulse +6.0)
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "veto", UN_VOTE, 0.6));

        // Then the shift is a warning because of the veto
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.severityReason()).startsWith("a veto: veto gave an impulse of +6.0")
                    .contains("as a move: this is not unusual for PRK-RUS");
        });
    }

    @Test
    void shouldCallAShiftToARecordLevelAWarning() {
        // Given a dyad with large usual moves, and three ordinary moves below 0.3 in the last years
        shiftRule(",\"minSeverity\":\"warning\"");
        states.history(20, 0.3, 0.1);
        alerter.dyad(states.move("PRK-RUS", "2023-01-01", "a", SUMMIT, 0.1));
        alerter.dyad(states.move("PRK-RUS", "2023-06-01", "b", SUMMIT, 0.15));
        alerter.dyad(states.move("PRK-RUS", "2023-11-01", "c", SUMMIT, -0.05));

        // When a move of an ordinary size takes it to its highest score
        alerter.dyad(states.move("PRK-RUS", "2024-06-19", "treaty", SUMMIT, 0.25));

        // Then that is a warning: a record high
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.severityReason()).startsWith("a record high for PRK-RUS: +0.45, above every score of its 3 earlier kept moves since 2023-01-01");
        });
    }

    @Test
    void shouldCallAMoveThatUndoesTheDyadsPreviousMoveTransientInfo() {
        // Given a dyad whose usual moves are small, and a spike just below the threshold
        shiftRule("");
        states.history(20, 0.05, 0.02);
        alerter.dyad(states.move("PRK-USA", "2018-06-01", "spike", UN_VOTE, 0.19));
        var spike = alerter.alerts();

        // When the next event undoes it within the window, by a move that alone reaches the threshold
        alerter.dyad(states.move("PRK-USA", "2018-06-05", "revert", UN_VOTE, -0.2));

        // Then the alert is info and labelled transient, though the move alone would be critical
        assertThat(spike).isEmpty();
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.INFO);
            assertThat(a.severityReason()).startsWith("transient: revert (-0.20) undoes spike of 2018-06-01 (+0.19) within P90D, a net move of -0.01")
                    .contains("(else critical: an exceptional move for PRK-USA");
        });
    }

    @Test
    void shouldLimitARuleToTheActorsOfItsScope() {
        // Given a rule scoped to Russia
        shiftRule(",\"scope\":{\"actors\":[\"RUS\"]}");

        // When two dyads move, one with Russia
        alerter.dyad(states.move("CHN-PRK", "2024-03-28", "a", UN_VOTE, 0.3));
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "a", UN_VOTE, 0.3));

        // Then only the Russian dyad alerts
        assertThat(alerter.alerts()).extracting(Alert::subject).containsExactly("PRK-RUS");
    }

    @Test
    void shouldLimitARuleToTheDyadsOfItsScope() {
        // Given a rule scoped to CHN-PRK
        shiftRule(",\"scope\":{\"dyads\":[\"PRK-CHN\"]}");

        // When two dyads move
        alerter.dyad(states.move("CHN-PRK", "2024-03-28", "a", UN_VOTE, 0.3));
        alerter.dyad(states.move("PRK-RUS", "2024-03-28", "a", UN_VOTE, 0.3));

        // Then only CHN-PRK alerts
        assertThat(alerter.alerts()).extracting(Alert::subject).containsExactly("CHN-PRK");
    }

    @Test
    void shouldLimitARuleToTheDyadsOfTheTriadsOfItsScope() {
        // Given a rule scoped to the CHN-PRK-RUS triad
        shiftRule(",\"scope\":{\"triads\":[\"CHN-PRK-RUS\"]}");

        // When a dyad of the triad and one outside it move
        alerter.dyad(states.move("KOR-USA", "2024-03-28", "a", UN_VOTE, 0.3));
        alerter.dyad(states.move("CHN-RUS", "2024-03-28", "a", UN_VOTE, 0.3));

        // Then only the triad's dyad alerts
        assertThat(alerter.alerts()).extracting(Alert::subject).containsExactly("CHN-RUS");
    }
}
