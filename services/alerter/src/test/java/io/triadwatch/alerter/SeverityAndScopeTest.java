package io.triadwatch.alerter;

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
