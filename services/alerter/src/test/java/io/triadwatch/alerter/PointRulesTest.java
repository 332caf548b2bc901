package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.DELEGATION_VISIT;
import static io.triadwatch.model.EventKind.SUMMIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.model.AlertRule;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.BaselineVisit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PointRulesTest {
    private static final String RANK_DROP = "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}";
    private static final String VICTORY_DAY = "PRK:CHN:PRK_VICTORY_DAY";
    private static final String NATIONAL_DAY = "PRK:CHN:PRK_NATIONAL_DAY";

    private final AlerterDriver alerter = new AlerterDriver();
    private final States states = new States();

    @AfterEach
    void close() {
        alerter.close();
    }

    private States.Move visit(String day, String id, String series, String head, double weight, double... earlier) {
        return states.move("CHN-PRK", day, id, DELEGATION_VISIT, 0.05).visit(series, head, weight, "LEADERSHIP", earlier);
    }

    @Test
    void shouldFlagRankDropAgainstOccasionBaseline() {
        // Given the rank-drop rule
        alerter.rule("rank-drop", RANK_DROP);

        // When China's 2023 Victory Day delegation weighs 0.416 against 0.544 in 2013
        alerter.dyad(visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544));

        // Then a RANK_DROP fires citing the visit and its baseline
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertRule.Type.RANK_DROP);
            assertThat(a.fingerprint()).isEqualTo("rank-drop:CHN-PRK");
            assertThat(a.value()).isCloseTo(0.128, within(1e-9));
            assertThat(a.threshold()).isEqualTo(0.05);
            assertThat(a.triggeringEvents()).singleElement().satisfies(e -> {
                assertThat(e.eventId()).isEqualTo("victory-2023");
                assertThat(e.kind()).isEqualTo(EventKind.DELEGATION_VISIT);
                assertThat(e.contribution()).isCloseTo(0.5, within(1e-9));
            });
            assertThat(a.baselineVisits()).extracting(BaselineVisit::weight).containsExactly(0.544);
            assertThat(a.summary()).contains("PRK hosted a lower-ranked CHN delegation for PRK_VICTORY_DAY: Li Hongzhong")
                    .contains("gap -0.13");
        });
    }

    @Test
    void shouldNotFlagVisitsInLineOrWithoutBaseline() {
        // Given the rank-drop rule
        alerter.rule("rank-drop", RANK_DROP);

        // When one visit has no earlier visit and another is in line with its series
        alerter.dyad(visit("2010-09-09", "first", NATIONAL_DAY, "Zhou Yongkang", 0.536));
        alerter.dyad(visit("2018-09-09", "second", NATIONAL_DAY, "Li Zhanshu", 0.56, 0.536));

        // Then nothing fires
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldFlagRankRise() {
        // Given the rank-rise rule
        alerter.rule("rank-rise", "{\"id\":\"rank-rise\",\"type\":\"RANK_RISE\",\"threshold\":0.05}");
        alerter.rule("rank-drop", RANK_DROP);

        // When a visit weighs well above its baseline
        alerter.dyad(visit("2024-04-11", "zhao", "PRK:CHN:PRK_FRIENDSHIP_YEAR", "Zhao Leji", 0.6, 0.45));

        // Then the rise fires and the drop does not
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("rank-rise:CHN-PRK");
            assertThat(a.summary()).contains("higher-ranked");
        });
    }

    @Test
    void shouldResolveRankDropWhenTheNextVisitOfTheSeriesIsInLine() {
        // Given a rank drop held for longer than a year
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05,\"keepFiringFor\":\"P800D\"}");
        alerter.dyad(visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544));

        // When a visit of another series drops too little to count, then the next Victory Day is in line
        alerter.dyad(visit("2023-09-09", "national-2023", NATIONAL_DAY, "Liu Guozhong", 0.55, 0.56));
        List<Alert> afterOtherSeries = alerter.alerts();
        alerter.dyad(visit("2024-07-27", "victory-2024", VICTORY_DAY, "Zhao Leji", 0.5, 0.544, 0.416));

        // Then the other series changes nothing and the in-line visit resolves the episode
        assertThat(afterOtherSeries).extracting(Alert::status).containsExactly(Alert.Status.FIRING);
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(a.endsAt()).isEqualTo(States.at("2024-07-27"));
            assertThat(a.summary()).contains(VICTORY_DAY + " is back in line (victory-2024)");
        });
    }

    @Test
    void shouldGiveEachRankDropItsOwnEpisode() {
        // Given the rank-drop rule with the default 30-day hold
        alerter.rule("rank-drop", RANK_DROP);

        // When China sends lower-ranked delegations to Victory Day (July) and National Day (September) 2023
        alerter.dyad(visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544));
        alerter.dyad(visit("2023-09-09", "national-2023", NATIONAL_DAY, "Liu Guozhong", 0.5, 0.536, 0.584));

        // Then the July episode ends after its hold and September opens episode 2
        assertThat(alerter.alerts()).extracting(Alert::status, Alert::episode, Alert::occurredAt).containsExactly(
                tuple(Alert.Status.FIRING, 1L, States.at("2023-07-27")),
                tuple(Alert.Status.RESOLVED, 1L, States.at("2023-08-26")),
                tuple(Alert.Status.FIRING, 2L, States.at("2023-09-09")));
    }

    @Test
    void shouldSupersedeAFiringRankDropWithTheNextOne() {
        // Given a rank drop held for 90 days
        alerter.rule("rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05,\"keepFiringFor\":\"P90D\"}");
        alerter.dyad(visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544));

        // When another drop comes within the hold
        alerter.dyad(visit("2023-09-09", "national-2023", NATIONAL_DAY, "Liu Guozhong", 0.5, 0.536, 0.584));

        // Then the first episode resolves as superseded and the second fires
        List<Alert> alerts = alerter.alerts();
        assertThat(alerts).extracting(Alert::status, Alert::episode).containsExactly(
                tuple(Alert.Status.FIRING, 1L), tuple(Alert.Status.RESOLVED, 1L), tuple(Alert.Status.FIRING, 2L));
        assertThat(alerts.get(1).summary()).contains("superseded by national-2023");
        assertThat(alerts.get(2).baselineVisits()).hasSize(2);
    }

    @Test
    void shouldNotFireTwiceForTheSameVisit() {
        // Given the rank-drop rule and a drop
        alerter.rule("rank-drop", RANK_DROP);
        var state = visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544).state();

        // When the same state arrives again
        alerter.dyad(state);
        alerter.dyad(state);

        // Then one FIRING only
        assertThat(alerter.alerts()).hasSize(1);
    }

    @Test
    void shouldFlagVoteSplitOfAPairThatUsuallyVotesTogether() {
        // Given the vote-split rule
        alerter.rule("vote-split", "{\"id\":\"vote-split\",\"type\":\"VOTE_SPLIT\",\"threshold\":0.75}");

        // When CHN and RUS, together on their 4 earlier drafts, split on a fifth
        for (int i = 1; i <= 4; i++) {
            alerter.dyad(states.move("CHN-RUS", "2023-0" + i + "-01", "vote-" + i, UN_VOTE, 0.02).voting(i, i, "S/" + i, true));
        }
        alerter.dyad(states.move("CHN-RUS", "2024-03-28", "poe", UN_VOTE, -0.05).voting(4, 5, "S/2024/255", false));

        // Then a VOTE_SPLIT fires with their agreement rate before the split
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertRule.Type.VOTE_SPLIT);
            assertThat(a.value()).isEqualTo(1.0);
            assertThat(a.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId, Alert.TriggeringEvent::kind)
                    .containsExactly(tuple("poe", UN_VOTE));
            assertThat(a.summary()).startsWith("CHN-RUS split on S/2024/255 after voting together on 4 of their 4 earlier shared drafts");
        });

        // When they vote together again
        alerter.dyad(states.move("CHN-RUS", "2024-04-10", "next", UN_VOTE, 0.02).voting(5, 6, "S/2024/300", true));

        // Then the split resolves
        assertThat(alerter.alerts()).extracting(Alert::status).containsExactly(Alert.Status.RESOLVED);
    }

    @Test
    void shouldNotFlagSplitsOfPairsWithoutAHistoryOfAgreement() {
        // Given the vote-split rule
        alerter.rule("vote-split", "{\"id\":\"vote-split\",\"type\":\"VOTE_SPLIT\",\"threshold\":0.75}");

        // When one pair splits on its second shared vote and another after agreeing on 1 of 3
        alerter.dyad(states.move("CHN-RUS", "2024-03-28", "a", UN_VOTE, -0.05).voting(1, 2, "S/1", false));
        alerter.dyad(states.move("KOR-RUS", "2024-03-28", "a", UN_VOTE, -0.05).voting(1, 4, "S/1", false));

        // Then nothing fires
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldFlagTriadBalanceFlipAndResolveWhenItFlipsBack() {
        // Given the balance-flip rule
        alerter.rule("flip", "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0}");

        // When CHN-PRK turns negative in a +++ triad
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-01-01", "CHN-RUS", "e1", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.3, 0}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-07-27", "CHN-PRK", "e2", "CHN", true,
                Map.of("CHN-PRK", new double[]{-0.2, -0.5}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));

        // Then a flip fires on the triad, with the triad as its context
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("flip:CHN-PRK-RUS");
            assertThat(a.value()).isCloseTo(-0.04, within(1e-9));
            assertThat(a.summary()).startsWith("CHN-PRK-RUS lost structural balance (signs +++ to ++-");
            assertThat(a.context()).singleElement().satisfies(c -> {
                assertThat(c.otherDyads()).extracting(Alert.OtherDyad::dyad).containsExactly("CHN-RUS", "PRK-RUS");
                assertThat(c.reading()).contains("CHN-RUS stayed positive");
            });
            assertThat(a.generatorURL()).isEqualTo("http://localhost:8080/#/triad/CHN-PRK-RUS");
        });

        // When it flips back
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-08-01", "CHN-PRK", "e3", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.2, 0.4}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));

        // Then it resolves
        assertThat(alerter.alerts()).extracting(Alert::status).containsExactly(Alert.Status.RESOLVED);
    }

    @Test
    void shouldNotCallATriadsFirstBalanceAFlip() {
        // Given the balance-flip rule and a triad one of whose dyads never moved (++0, not balanced)
        alerter.rule("flip", "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0}");
        alerter.triad(States.triad("CHN-PRK-USA", "2024-01-01", "CHN-PRK", "e1", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.5, 0.1}, "CHN-USA", new double[]{0, 0}, "PRK-USA", new double[]{-0.4, 0})));

        // When that dyad gets its first score (+--, balanced)
        alerter.triad(States.triad("CHN-PRK-USA", "2024-03-28", "CHN-USA", "vote", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.1, -0.1}, "PRK-USA", new double[]{-0.4, 0})));

        // Then nothing flipped
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldIgnoreAFlipUndoneWithinThePendingPeriod() {
        // Given a balance-flip rule pending for 7 days
        alerter.rule("flip", "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0,\"pendingFor\":\"P7D\"}");
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-01-01", "CHN-RUS", "e1", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.3, 0}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));

        // When it flips and flips back two days later, then time passes
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-07-27", "CHN-PRK", "e2", "CHN", true,
                Map.of("CHN-PRK", new double[]{-0.2, -0.5}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-07-29", "CHN-PRK", "e3", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.2, 0.4}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-09-01", "CHN-RUS", "e4", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.2, 0}, "CHN-RUS", new double[]{0.55, 0.05}, "PRK-RUS", new double[]{0.4, 0})));

        // Then nothing fires
        assertThat(alerter.alerts()).isEmpty();
    }

    @Test
    void shouldFlagAChangeOfComputedPivotOnly() {
        // Given the pivot-change rule
        alerter.rule("pivot", "{\"id\":\"pivot\",\"type\":\"PIVOT_CHANGE\",\"threshold\":0}");
        Map<String, double[]> scores = Map.of("CHN-RUS", new double[]{0.5, 0}, "CHN-USA", new double[]{-0.3, 0}, "RUS-USA", new double[]{-0.6, 0});

        // When the computed pivot of one triad moves, and the configured pivot of another "moves"
        alerter.triad(States.triad("CHN-RUS-USA", "2024-01-01", "CHN-RUS", "e1", "CHN", false, scores));
        alerter.triad(States.triad("CHN-RUS-USA", "2024-02-01", "RUS-USA", "e2", "RUS", false, scores));
        alerter.triad(States.triad("JPN-KOR-USA", "2024-01-01", "JPN-KOR", "e1", "USA", true, scores));
        alerter.triad(States.triad("JPN-KOR-USA", "2024-02-01", "JPN-KOR", "e2", "KOR", true, scores));

        // Then only the computed pivot alerts
        assertThat(alerter.alerts()).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("pivot:CHN-RUS-USA");
            assertThat(a.summary()).startsWith("The computed pivot of CHN-RUS-USA moved from CHN to RUS");
        });
    }

    @Test
    void shouldResolveATriadAlertWhenTheTriadIsNoLongerWatched() {
        // Given a firing flip
        alerter.rule("flip", "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0}");
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-01-01", "CHN-RUS", "e1", "CHN", true,
                Map.of("CHN-PRK", new double[]{0.3, 0}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));
        alerter.triad(States.triad("CHN-PRK-RUS", "2023-07-27", "CHN-PRK", "e2", "CHN", true,
                Map.of("CHN-PRK", new double[]{-0.2, -0.5}, "CHN-RUS", new double[]{0.5, 0.1}, "PRK-RUS", new double[]{0.4, 0})));
        assertThat(alerter.alerts()).hasSize(1);

        // When the triad's state is deleted
        alerter.triadTombstone("CHN-PRK-RUS");

        // Then the alert resolves
        assertThat(alerter.alerts()).singleElement().satisfies(a -> assertThat(a.summary()).contains("no longer watched"));
        alerter.dyad(states.move("CHN-PRK", "2023-08-01", "x", SUMMIT, 0.1));
    }

    @Test
    void shouldFireWhenTheAnalyzerCorrectsAVisitsVerdict() {
        // Given the rank-drop rule and a 2023 visit first judged without a baseline (2013 not yet applied)
        alerter.rule("rank-drop", RANK_DROP);
        alerter.dyad(visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416));

        // When the 2013 visit arrives and the analyzer re-states the 2023 verdict as a drop
        alerter.dyad(visit("2013-07-27", "victory-2013", VICTORY_DAY, "Li Yuanchao", 0.544));
        var corrected = visit("2023-07-27", "victory-2023", VICTORY_DAY, "Li Hongzhong", 0.416, 0.544).state();
        alerter.dyad(corrected);
        alerter.dyad(corrected);

        // Then the corrected verdict fires once, dated by the visit
        assertThat(alerter.alerts()).filteredOn(a -> a.status() == Alert.Status.FIRING).singleElement().satisfies(a -> {
            assertThat(a.occurredAt()).isEqualTo(States.at("2023-07-27"));
            assertThat(a.baselineVisits()).hasSize(1);
        });
    }
}
