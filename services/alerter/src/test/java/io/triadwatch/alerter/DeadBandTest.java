package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.Severity;
import io.triadwatch.model.alert.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The structural rules read a triad's edges through a dead band with hysteresis (defaults 0.10 / 0.15). */
class DeadBandTest {
    private static final String FLIP = "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0%s}";
    private static final String PIVOT = "{\"id\":\"pivot\",\"type\":\"PIVOT_CHANGE\",\"threshold\":0}";

    private final AlerterDriver alerter = new AlerterDriver();

    @AfterEach
    void close() {
        alerter.close();
    }

    /** A CHN-PRK-RUS state in which only CHN-PRK moves (CHN-RUS 0.5, PRK-RUS 0.4). */
    private void chnPrk(String day, String eventId, double score, double delta) {
        alerter.triad(States.triad("CHN-PRK-RUS", day, "CHN-PRK", eventId, "CHN", true, Map.of(
                "CHN-PRK", new double[]{score, delta}, "CHN-RUS", new double[]{0.5, 0}, "PRK-RUS", new double[]{0.4, 0})));
    }

    @Test
    void shouldNotFlipBalanceWhileEdgeStaysInsideDeadBand() {
        // Given the balance-flip rule and a +++ triad whose CHN-PRK edge has decayed to near zero
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2018-01-01", "e1", 0.3, 0.3);
        chnPrk("2018-02-01", "e2", 0.01, -0.29);

        // When the edge crosses zero by a hair, back and forth
        chnPrk("2018-03-26", "e3", -0.011, -0.021);
        chnPrk("2018-04-10", "e4", 0.004, 0.015);
        chnPrk("2018-05-02", "e5", -0.05, -0.054);

        // Then no flip fires: the edge never left the band
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldFlipBalanceWhenAnEdgeCrossesTheBandToTheOtherSide() {
        // Given a +++ triad
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2023-01-01", "e1", 0.3, 0.3);

        // When CHN-PRK falls into the band, then leaves it on the negative side
        chnPrk("2023-03-01", "e2", 0.05, -0.25);
        var inside = alerter.alerts();
        chnPrk("2023-07-27", "e3", -0.2, -0.25);

        // Then the balance flips once the edge is out of the band, against the balance before it entered
        assertThat(inside).isEmpty();
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("flip:CHN-PRK-RUS");
            assertThat(a.summary()).startsWith("CHN-PRK-RUS lost structural balance (signs +++ to ++-")
                    .contains("dead band: a sign from |score| 0.15, lost below 0.10");
        });
    }

    @Test
    void shouldKeepASignBetweenTheMarginsAndNotTakeOneThere() {
        // Given a +++ triad
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2023-01-01", "e1", 0.3, 0.3);

        // When CHN-PRK falls between the margins (keeps +), crosses zero to between the margins on the
        // other side (loses its sign, does not take -), and stays there
        chnPrk("2023-02-01", "e2", 0.12, -0.18);
        chnPrk("2023-03-01", "e3", -0.12, -0.24);
        chnPrk("2023-04-01", "e4", -0.14, -0.02);

        // Then nothing flips: a sign needs |score| >= 0.15
        assertThat(alerter.alerts()).isEmpty();

        // When it reaches the outer margin
        chnPrk("2023-05-01", "e5", -0.15, -0.01);

        // Then the flip fires
        assertThat(alerter.alerts()).extracting(Alert::fingerprint).containsExactly("flip:CHN-PRK-RUS");
    }

    @Test
    void shouldNotResolveAFlipWhileTheEdgeOnlyReturnsIntoTheBand() {
        // Given a flip that fired when CHN-PRK went from + to -
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2023-01-01", "e1", 0.3, 0.3);
        chnPrk("2023-07-27", "e2", -0.3, -0.6);
        assertThat(alerter.alerts()).hasSize(1);

        // When the edge comes back into the band, then out on the positive side
        chnPrk("2023-08-01", "e3", 0.05, 0.35);
        var inBand = alerter.alerts();
        chnPrk("2023-08-10", "e4", 0.2, 0.15);

        // Then only leaving the band on the positive side restores the balance
        assertThat(inBand).isEmpty();
        assertThat(alerter.alerts()).extracting(Alert::status).containsExactly(Alert.Status.RESOLVED);
    }

    @Test
    void shouldHonourTheMarginsOfTheRule() {
        // Given a flip rule with a narrow band (0.02 / 0.03)
        alerter.rule("flip", String.format(FLIP, ",\"deadBandEnter\":0.02,\"deadBandExit\":0.03"));
        chnPrk("2023-01-01", "e1", 0.3, 0.3);

        // When CHN-PRK falls to -0.05
        chnPrk("2023-07-27", "e2", -0.05, -0.35);

        // Then that is a flip under this rule's band
        assertThat(alerter.alerts()).extracting(Alert::fingerprint).containsExactly("flip:CHN-PRK-RUS");
    }

    @Test
    void shouldNotChangePivotOnAMoveInsideDeadBand() {
        // Given the pivot-change rule and a triad whose computed pivot depends on two small edges
        alerter.rule("pivot", PIVOT);
        alerter.triad(States.triad("CHN-RUS-USA", "2024-01-01", "CHN-RUS", "e1", "CHN", false, Map.of(
                "CHN-RUS", new double[]{0.5, 0.1}, "CHN-USA", new double[]{0.04, 0}, "RUS-USA", new double[]{0.03, 0})));

        // When RUS-USA moves inside the band and the computed pivot changes with it
        alerter.triad(States.triad("CHN-RUS-USA", "2024-02-01", "RUS-USA", "e2", "RUS", false, Map.of(
                "CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{0.04, 0}, "RUS-USA", new double[]{0.05, 0.02})));

        // Then nothing fires
        assertThat(alerter.alerts()).isEmpty();

        // When RUS-USA then leaves the band and the pivot changes again
        alerter.triad(States.triad("CHN-RUS-USA", "2024-03-01", "RUS-USA", "e3", "USA", false, Map.of(
                "CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{0.04, 0}, "RUS-USA", new double[]{-0.6, -0.65})));

        // Then that change fires
        assertThat(alerter.alerts()).extracting(Alert::fingerprint).containsExactly("pivot:CHN-RUS-USA");
    }

    @Test
    void shouldNotChangePivotOnATinyMoveOfAnEdgeInTheHysteresisZone() {
        // Given the pivot-change rule and a triad whose edge CHN-USA holds a sign at 0.14 (between 0.10 and 0.15)
        alerter.rule("pivot", PIVOT);
        alerter.triad(States.triad("CHN-RUS-USA", "2018-06-01", "CHN-USA", "e1", "RUS", false, Map.of(
                "CHN-RUS", new double[]{0.3, 0}, "CHN-USA", new double[]{0.16, 0.12}, "RUS-USA", new double[]{-0.17, 0})));
        alerter.triad(States.triad("CHN-RUS-USA", "2018-06-01T12:00:00Z", "CHN-USA", "e2", "RUS", false, Map.of(
                "CHN-RUS", new double[]{0.3, 0}, "CHN-USA", new double[]{0.14, -0.02}, "RUS-USA", new double[]{-0.17, 0})));

        // When a news-tone move of almost nothing leaves CHN-USA at 0.14 and tips the computed pivot
        alerter.triad(States.triad("CHN-RUS-USA", "2018-06-02", "CHN-USA", "e3", "CHN", false, Map.of(
                "CHN-RUS", new double[]{0.3, 0}, "CHN-USA", new double[]{0.14, 0.001}, "RUS-USA", new double[]{-0.17, 0})));

        // Then nothing fires
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldCallAFlipThatRestsOnAWeakEdgeInfoAndSaySo() {
        // Given a +++ triad
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2023-01-01", "e1", 0.4, 0.4);

        // When CHN-PRK leaves the band on the negative side, but only to -0.20
        chnPrk("2023-07-27", "e2", -0.2, -0.6);

        // Then the flip fires as info: the balance rests on an edge twice the band's exit from neutral
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.INFO);
            assertThat(a.severityReason()).startsWith("on a weak edge: CHN-PRK at -0.20, below 0.30 (twice the dead band's exit)");
        });
    }

    @Test
    void shouldJudgeAFlipOnStrongEdgesByItsMove() {
        // Given a +++ triad
        alerter.rule("flip", String.format(FLIP, ""));
        chnPrk("2023-01-01", "e1", 0.4, 0.4);

        // When CHN-PRK turns firmly negative
        chnPrk("2023-07-27", "e2", -0.45, -0.85);

        // Then its severity comes from the move, not from a weak edge
        assertThat(alerter.alerts()).singleElement().satisfies(a -> assertThat(a.severityReason()).doesNotStartWith("on a weak edge"));
    }

    @Test
    void shouldJudgeAFlipAgainstEarlierInstantsWhicheverStateOfItsInstantArrivedFirst() {
        // Given two alerters that see the same triad history, then the same two states of one day in either order
        try (AlerterDriver other = new AlerterDriver()) {
            var flip = States.triad("CHN-PRK-RUS", "2023-07-27", "CHN-PRK", "flip", "CHN", true, Map.of(
                    "CHN-PRK", new double[]{-0.6, -1.0}, "CHN-RUS", new double[]{0.5, 0}, "PRK-RUS", new double[]{0.4, 0}));
            var bigMove = States.triad("CHN-PRK-RUS", "2023-07-27", "CHN-RUS", "big", "CHN", true, Map.of(
                    "CHN-PRK", new double[]{0.4, 0}, "CHN-RUS", new double[]{0.9, 0.9}, "PRK-RUS", new double[]{0.4, 0}));
            for (AlerterDriver a : List.of(alerter, other)) {
                a.rule("flip", String.format(FLIP, ""));
                for (int i = 1; i <= 4; i++) {
                    a.triad(States.triad("CHN-PRK-RUS", "2023-0" + i + "-01", "PRK-RUS", "e" + i, "CHN", true, Map.of(
                            "CHN-PRK", new double[]{0.4, 0}, "CHN-RUS", new double[]{0.5, 0}, "PRK-RUS", new double[]{0.4, 0.05 * i})));
                }
            }

            // When one sees a large same-day move before the flip and the other after it
            alerter.triad(bigMove).triad(flip);
            other.triad(flip).triad(bigMove);

            // Then both judge the flip against the same earlier moves
            Alert first = alerter.alerts().get(0);
            Alert second = other.alerts().get(0);
            assertThat(first.severityReason()).isEqualTo(second.severityReason()).contains("against its 4 earlier moves");
            assertThat(first.severity()).isEqualTo(second.severity());
        }
    }
}
