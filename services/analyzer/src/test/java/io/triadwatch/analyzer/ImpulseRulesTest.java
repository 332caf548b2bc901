package io.triadwatch.analyzer;

import static io.triadwatch.analyzer.Events.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.topics.DeadLetters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pins every impulse rule of impulses.v1.json through the real topology: each test sends one
 * event and reads the raw (decayed) sum of the dyads it moved. With one event the sum is the
 * impulse itself, and the score is tanh(sum / 10).
 */
class ImpulseRulesTest {
    private static final double EPS = 1e-9;
    private final AnalyzerDriver driver = new AnalyzerDriver();
    private final AnalyzerDriver v1 = new AnalyzerDriver(AnalyzerConfig.defaults().withImpulses(ImpulseTable.v1()));

    @AfterEach
    void close() {
        driver.close();
        v1.close();
    }

    private double raw(String dyad) {
        return driver.lastDyad(dyad).rawSum();
    }

    private double rawV1(String dyad) {
        return v1.lastDyad(dyad).rawSum();
    }

    @Test
    void shouldGiveHeadOfStateSummitSevenPerPairAndScoreItByTanh() {
        // When
        driver.event(Events.summit("s1", "2023-09-13", "HEAD_OF_STATE", "PRK", "RUS"));
        // Then
        DyadState state = driver.lastDyad("PRK-RUS");
        assertThat(state.rawSum()).isCloseTo(7.0, within(EPS));
        assertThat(state.score()).isCloseTo(Math.tanh(0.7), within(EPS));
        assertThat(state.previousScore()).isZero();
        assertThat(state.delta()).isCloseTo(Math.tanh(0.7), within(EPS));
        assertThat(state.lastTrigger()).isEqualTo("SUMMIT");
        assertThat(state.contributions()).singleElement().satisfies(c -> {
            assertThat(c.eventId()).isEqualTo("s1");
            assertThat(c.impulse()).isCloseTo(7.0, within(EPS));
            assertThat(c.weight()).isCloseTo(7.0, within(EPS));
        });
    }

    @Test
    void shouldGiveHeadOfGovernmentSummitFive() {
        driver.event(Events.summit("s1", "2023-09-13", "HEAD_OF_GOVERNMENT", "CHN", "RUS"));
        assertThat(raw("CHN-RUS")).isCloseTo(5.0, within(EPS));
    }

    @Test
    void shouldDiluteMultilateralSummitByPartnersMinusOne() {
        // Given three participants: each pair gets 7 / (3 - 1)
        driver.event(Events.summit("s1", "2023-09-13", "HEAD_OF_STATE", "CHN", "PRK", "RUS"));
        // Then
        assertThat(raw("CHN-PRK")).isCloseTo(3.5, within(EPS));
        assertThat(raw("CHN-RUS")).isCloseTo(3.5, within(EPS));
        assertThat(raw("PRK-RUS")).isCloseTo(3.5, within(EPS));
    }

    @Test
    void shouldScoreTreatiesByTypeWithoutDilution() {
        driver.event(Events.treaty("t1", "1961-07-11", "MUTUAL_DEFENSE", "CHN", "PRK"));
        driver.event(Events.treaty("t2", "2024-06-19", "COMPREHENSIVE_STRATEGIC_PARTNERSHIP", "PRK", "RUS"));
        driver.event(Events.treaty("t3", "2024-06-20", "STRATEGIC_PARTNERSHIP", "JPN", "KOR", "USA"));
        driver.event(Events.treaty("t4", "2024-06-21", "FRIENDSHIP_AND_COOPERATION", "FRA", "DEU"));
        driver.event(Events.treaty("t5", "2024-06-22", "OTHER", "GBR", "IRL"));
        assertThat(raw("CHN-PRK")).isCloseTo(10.0, within(EPS));
        assertThat(raw("PRK-RUS")).isCloseTo(9.5, within(EPS));
        assertThat(raw("JPN-KOR")).isCloseTo(9.0, within(EPS));
        assertThat(raw("KOR-USA")).isCloseTo(9.0, within(EPS));
        assertThat(raw("DEU-FRA")).isCloseTo(8.5, within(EPS));
        assertThat(raw("GBR-IRL")).isCloseTo(8.0, within(EPS));
    }

    @Test
    void shouldTreatSanctionsViolationAsCooperationScaledByConfidence() {
        // "allegedly": confidence 0.5 halves the 4.0 of violator-counterparty
        driver.event(Events.withConfidence(Events.violation("v1", "2024-09-01", "PRK", "CHN"), 0.5));
        assertThat(raw("CHN-PRK")).isCloseTo(2.0, within(EPS));
        assertThat(driver.lastDyad("CHN-PRK").contributions().get(0).impulse()).isCloseTo(2.0, within(EPS));
    }

    @Test
    void shouldMoveExercisePartiesTogetherAndAgainstTheTarget() {
        driver.event(Events.exercise("x1", "2023-03-13", "PRK", "KOR", "USA"));
        assertThat(raw("KOR-USA")).isCloseTo(5.0, within(EPS));
        assertThat(raw("KOR-PRK")).isCloseTo(-5.0, within(EPS));
        assertThat(raw("PRK-USA")).isCloseTo(-5.0, within(EPS));
    }

    @Test
    void shouldDeadLetterAnExerciseThatMovesNoDyad() {
        driver.event(Events.exercise("x1", "2023-03-13", null, "PRK"));
        assertThat(driver.dlq()).singleElement().satisfies(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("UNSCORABLE");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("target");
            assertThat(r.key()).isEqualTo("x1");
        });
        assertThat(driver.dyadLog()).isEmpty();
    }

    @Test
    void shouldReadUnVoteStancesThroughYesMeansAgainstSubject() {
        // Under v1 (kept reproducible) coded events and voter pairs are summed as impulses.
        AnalyzerDriver driver = v1;
        // Given the March 2024 vote on the Panel of Experts: RUS vetoes, CHN abstains, USA votes yes
        Map<String, String> votes = new TreeMap<>(Map.of("RUS", "VETO", "CHN", "ABSTAIN", "USA", "YES"));
        driver.event(Events.vote("u1", "2024-03-28", "PRK", "AGAINST_SUBJECT", "VETOED", votes));
        // Then voter-subject stances
        assertThat(rawV1("PRK-RUS")).isCloseTo(6.0, within(EPS));
        assertThat(rawV1("CHN-PRK")).isCloseTo(1.5, within(EPS));
        assertThat(rawV1("PRK-USA")).isCloseTo(-2.0, within(EPS));
        // And every pair of voters disagrees (veto, abstain, yes are three different choices)
        assertThat(rawV1("CHN-RUS")).isCloseTo(-1.0, within(EPS));
        assertThat(rawV1("RUS-USA")).isCloseTo(-1.0, within(EPS));
        assertThat(rawV1("CHN-USA")).isCloseTo(-1.0, within(EPS));
        assertThat(driver.lastDyad("CHN-RUS").voting()).satisfies(v -> {
            assertThat(v.together()).isZero();
            assertThat(v.total()).isEqualTo(1);
            assertThat(v.agreedLast()).isFalse();
            assertThat(v.lastDraft()).isEqualTo("S/u1");
            assertThat(v.lastEventId()).isEqualTo("u1");
        });
        assertThat(driver.lastDyad("PRK-RUS").voting()).isNull();
    }

    @Test
    void shouldReadPermanentMembersNoOnVetoedDraftAsVeto() {
        // Under v1 (kept reproducible) coded events and voter pairs are summed as impulses.
        AnalyzerDriver driver = v1;
        // Given a source that records the vetoes as plain NO
        Map<String, String> votes = new TreeMap<>(Map.of("RUS", "NO", "CHN", "NO", "USA", "YES", "MOZ", "NO"));
        driver.event(Events.vote("u1", "2022-05-26", "PRK", null, "VETOED", votes));
        // Then CHN and RUS count as vetoes (+6), MOZ (not permanent) as a plain no (+4)
        assertThat(rawV1("PRK-RUS")).isCloseTo(6.0, within(EPS));
        assertThat(rawV1("CHN-PRK")).isCloseTo(6.0, within(EPS));
        assertThat(rawV1("MOZ-PRK")).isCloseTo(4.0, within(EPS));
        // And a veto agrees with a no
        assertThat(rawV1("CHN-RUS")).isCloseTo(1.0, within(EPS));
        assertThat(rawV1("MOZ-RUS")).isCloseTo(1.0, within(EPS));
        assertThat(rawV1("RUS-USA")).isCloseTo(-1.0, within(EPS));
        assertThat(driver.lastDyad("CHN-RUS").voting().together()).isEqualTo(1);
    }

    @Test
    void shouldReadYesAsSupportWhenYesMeansForSubject() {
        Map<String, String> votes = new TreeMap<>(Map.of("RUS", "YES", "USA", "NO", "FRA", "ABSTAIN", "GBR", "ABSENT"));
        driver.event(Events.vote("u1", "2024-01-10", "PRK", "FOR_SUBJECT", "NOT_ADOPTED", votes));
        assertThat(raw("PRK-RUS")).isCloseTo(2.0, within(EPS));
        assertThat(raw("PRK-USA")).isCloseTo(-4.0, within(EPS));
        assertThat(raw("FRA-PRK")).isCloseTo(-1.5, within(EPS));
        // And an absent member has no stance and no pair
        assertThat(driver.dyadStates("GBR-PRK")).isEmpty();
        assertThat(driver.dyadStates("FRA-GBR")).isEmpty();
    }

    @Test
    void shouldMoveJointStatementPartiesTogetherAndTowardSubjectByLexicon() {
        // Given the 2024 China-Russia statement
        driver.event(Events.statement("j1", "2024-05-16", "PRK",
                List.of("legitimate security concerns", "criticism of sanctions", "criticism of military exercises", "concerned parties"),
                List.of("dual processes"), "CHN", "RUS"));
        // Then parties: 3.5; each party toward PRK: 2.5 + 1.5 + 1.5 + 1.0 added, 1.5 for dropping "dual processes"
        assertThat(raw("CHN-RUS")).isCloseTo(3.5, within(EPS));
        assertThat(raw("CHN-PRK")).isCloseTo(8.0, within(EPS));
        assertThat(raw("PRK-RUS")).isCloseTo(8.0, within(EPS));
    }

    @Test
    void shouldMoveJointStatementAwayFromSubjectWhenAddingDemandsOnIt() {
        // Given the 2017 statement that endorsed the demands on PRK, with an unknown term that counts for nothing
        driver.event(Events.statement("j1", "2017-07-04", "PRK", List.of("dual suspension", "dual processes", "denuclearization", "Peace and Stability"),
                List.of(), "CHN", "RUS"));
        assertThat(raw("CHN-PRK")).isCloseTo(-5.5, within(EPS));
        assertThat(raw("PRK-RUS")).isCloseTo(-5.5, within(EPS));
    }

    @Test
    void shouldClampOneDyadImpulseToTenBeforeConfidence() {
        // Given every favourable move at once: 6.5 added + 2.5 + 1.5 + 1.5 dropped = 12
        driver.event(Events.withConfidence(Events.statement("j1", "2024-05-16", "PRK",
                List.of("legitimate security concerns", "criticism of sanctions", "criticism of military exercises", "concerned parties"),
                List.of("denuclearization", "dual suspension", "dual processes"), "CHN", "RUS"), 0.8));
        assertThat(raw("CHN-PRK")).isCloseTo(8.0, within(EPS));
    }

    @Test
    void shouldScoreCodedEventsFromTheRealGoldsteinTable() {
        // Under v1 (kept reproducible) coded events and voter pairs are summed as impulses.
        AnalyzerDriver driver = v1;
        driver.event(Events.coded("c1", "2017-03-08", "CHN", "USA", "0256", null));
        driver.event(Events.coded("c2", "2019-10-05", "PRK", "USA", "164", null));
        driver.event(Events.coded("c3", "2019-10-05", "JPN", "KOR", "0259", null));
        driver.event(Events.coded("c4", "2019-10-05", "FRA", "DEU", "164", 2.5));
        assertThat(rawV1("CHN-USA")).isCloseTo(-0.3, within(EPS));
        assertThat(rawV1("PRK-USA")).isCloseTo(-7.0, within(EPS));
        // 0259 is not in the table: its parent 025 is (-0.3)
        assertThat(rawV1("JPN-KOR")).isCloseTo(-0.3, within(EPS));
        // the event's own goldstein wins over the table
        assertThat(rawV1("DEU-FRA")).isCloseTo(2.5, within(EPS));
    }

    @Test
    void shouldDeadLetterCodedEventWithUnknownCodeAsUnscorable() {
        driver.event(Events.coded("c1", "2019-10-05", "PRK", "USA", "99", null));
        assertThat(driver.dlq()).singleElement().satisfies(r ->
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("UNSCORABLE"));
    }

    @Test
    void shouldScaleVisitByProtocolWeightOfInlineRank() {
        // LEADERSHIP spans 0.6..0.4: rank 8 of 25 weighs 0.6 - 0.2 * 7/25 = 0.544; impulse 6 * 0.544
        driver.event(Events.visit("v1", "2013-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Yuanchao", null, "LEADERSHIP", 8, 25)));
        assertThat(raw("CHN-PRK")).isCloseTo(6 * 0.544, within(EPS));
        assertThat(driver.lastDyad("CHN-PRK").rankSignal()).satisfies(r -> {
            assertThat(r.weight()).isCloseTo(0.544, within(EPS));
            assertThat(r.rankLabel()).isEqualTo("LEADERSHIP 8/25");
            assertThat(r.rankSource()).isEqualTo("INLINE");
            assertThat(r.series()).isEqualTo("PRK:CHN:PRK_VICTORY_DAY");
            assertThat(r.direction()).isEqualTo("NO_BASELINE");
        });
    }

    @Test
    void shouldWeighEveryTierFromItsBand() {
        driver.event(Events.visit("v1", "2020-01-01", "PRK", "RUS", null, head("Head of state", null, "HEAD_OF_STATE", null, null)));
        driver.event(Events.visit("v2", "2020-01-01", "PRK", "CHN", null, head("Premier", null, "HEAD_OF_GOVERNMENT", null, null)));
        driver.event(Events.visit("v3", "2020-01-01", "PRK", "USA", null, head("Minister", null, "MINISTER", null, null)));
        driver.event(Events.visit("v4", "2020-01-01", "PRK", "JPN", null, head("Vice minister", null, "VICE_MINISTER", 1, 10)));
        driver.event(Events.visit("v5", "2020-01-01", "PRK", "KOR", null, head("Official", null, "OFFICIAL", null, null)));
        assertThat(raw("PRK-RUS")).isCloseTo(6.0, within(EPS));
        assertThat(raw("CHN-PRK")).isCloseTo(6 * 0.8, within(EPS));
        assertThat(raw("PRK-USA")).isCloseTo(6 * 0.3, within(EPS));
        assertThat(raw("JPN-PRK")).isCloseTo(6 * 0.2, within(EPS));
        assertThat(raw("KOR-PRK")).isCloseTo(6 * 0.05, within(EPS));
        assertThat(driver.lastDyad("PRK-USA").rankSignal().rankSource()).isEqualTo("TIER_ONLY");
        assertThat(driver.lastDyad("PRK-USA").rankSignal().series()).isEqualTo("PRK:USA");
    }

    @Test
    void shouldDeadLetterVisitWhoseHeadHasNoTierAnywhere() {
        driver.event(Events.visit("v1", "2020-01-01", "PRK", "CHN", null, head("Nobody Known", "nobody-known", null, null, null)));
        assertThat(driver.dlq()).singleElement().satisfies(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("UNSCORABLE");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("nobody-known").contains("2020-01-01");
        });
    }

    @Test
    void shouldCountImpulsesByKind() {
        driver.event(Events.summit("s1", "2023-09-13", "HEAD_OF_STATE", "CHN", "PRK", "RUS"));
        assertThat(driver.counter("triadwatch.analyzer.impulses", "kind", "SUMMIT")).isEqualTo(3.0);
    }
}
