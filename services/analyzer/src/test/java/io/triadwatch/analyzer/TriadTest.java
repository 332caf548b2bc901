package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadAggregate;
import io.triadwatch.analyzer.triad.TriadMath;
import io.triadwatch.model.Triad;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Balance, pivot, asymmetry and zero-sum arithmetic, by hand, and the triad flow through the topology. */
class TriadTest {
    private static final double EPS = 1e-9;
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private final TriadMath math = new TriadMath(Duration.ofDays(180), 10, 0.02, Duration.ofDays(90));

    /** A dyad whose score is exactly {@code score} at {@code asOf}. */
    private static DyadMove dyad(String id, double score, Instant asOf) {
        return new DyadMove(id, 10 * atanh(score), asOf, score, 0, "e-" + id, asOf, true);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    private static Triad abc(String pivot) {
        return new Triad("CHN-PRK-RUS", List.of("CHN", "PRK", "RUS"), pivot, null);
    }

    @Test
    void shouldCallPlusMinusMinusBalancedAndComputeThePivot() {
        // Given s(CHN,PRK) = 0.5, s(CHN,RUS) = -0.4, s(PRK,RUS) = -0.3
        Map<String, DyadMove> dyads = Map.of(
                "CHN-PRK", dyad("CHN-PRK", 0.5, T), "CHN-RUS", dyad("CHN-RUS", -0.4, T), "PRK-RUS", dyad("PRK-RUS", -0.3, T));
        TriadState state = math.state(abc(null), dyads, List.of(), null, null);
        // Then product 0.06, class +--, balanced
        assertThat(state.product()).isCloseTo(0.06, within(EPS));
        assertThat(state.signClass()).isEqualTo("+--");
        assertThat(state.balanced()).isTrue();
        // And the pivot is CHN: |0.5| + |-0.4| = 0.9 beats PRK 0.8 and RUS 0.7
        assertThat(state.pivot()).isEqualTo("CHN");
        assertThat(state.pivotConfigured()).isFalse();
        assertThat(state.pivotAsymmetry()).isCloseTo(0.9, within(EPS));
        assertThat(state.asOf()).isEqualTo(T);
    }

    @Test
    void shouldCallPlusPlusMinusUnbalancedAndHonourAConfiguredPivot() {
        Map<String, DyadMove> dyads = Map.of(
                "CHN-PRK", dyad("CHN-PRK", 0.5, T), "CHN-RUS", dyad("CHN-RUS", 0.4, T), "PRK-RUS", dyad("PRK-RUS", -0.3, T));
        TriadState state = math.state(abc("PRK"), dyads, List.of(), null, null);
        assertThat(state.signClass()).isEqualTo("++-");
        assertThat(state.balanced()).isFalse();
        assertThat(state.product()).isCloseTo(-0.06, within(EPS));
        assertThat(state.pivot()).isEqualTo("PRK");
        assertThat(state.pivotConfigured()).isTrue();
        // |s(PRK,CHN) - s(PRK,RUS)| = |0.5 - (-0.3)|
        assertThat(state.pivotAsymmetry()).isCloseTo(0.8, within(EPS));
    }

    @Test
    void shouldTreatScoresInsideTheNeutralBandAsZero() {
        Map<String, DyadMove> dyads = Map.of("CHN-PRK", dyad("CHN-PRK", 0.5, T), "CHN-RUS", dyad("CHN-RUS", 0.01, T));
        TriadState state = math.state(abc(null), dyads, List.of(), null, null);
        assertThat(state.signClass()).isEqualTo("+00");
        assertThat(state.balanced()).isFalse();
        assertThat(state.dyads()).extracting(TriadState.DyadScore::dyad).containsExactly("CHN-PRK", "CHN-RUS", "PRK-RUS");
        assertThat(state.dyads().get(2).asOf()).isNull();
    }

    @Test
    void shouldCarryEveryDyadToTheTriadsAsOf() {
        // Given CHN-PRK at 0.5 half a year before the triad's asOf
        Map<String, DyadMove> dyads = Map.of(
                "CHN-PRK", dyad("CHN-PRK", 0.5, T.minus(Duration.ofDays(180))), "CHN-RUS", dyad("CHN-RUS", 0.4, T), "PRK-RUS", dyad("PRK-RUS", 0.3, T));
        TriadState state = math.state(abc(null), dyads, List.of(), null, null);
        // Then its sum is halved: tanh(atanh(0.5) / 2) = 0.2679...
        assertThat(state.dyads().get(0).score()).isCloseTo(Math.tanh(atanh(0.5) / 2), within(EPS));
        assertThat(state.dyads().get(0).asOf()).isEqualTo(T.minus(Duration.ofDays(180)));
        assertThat(state.asOf()).isEqualTo(T);
    }

    @Test
    void shouldCountOpposingAndAlignedPairsOfMovesOnDifferentDyads() {
        // Given CHN-PRK +0.1, CHN-RUS -0.1, PRK-RUS -0.2, and a second CHN-PRK move +0.05
        List<TriadAggregate.Move> moves = List.of(
                new TriadAggregate.Move("CHN-PRK", "a", T, 0.1),
                new TriadAggregate.Move("CHN-RUS", "b", T, -0.1),
                new TriadAggregate.Move("PRK-RUS", "c", T, -0.2));
        TriadState.ZeroSumEvidence three = math.state(abc(null), Map.of("CHN-PRK", dyad("CHN-PRK", 0.1, T)), moves, null, null).zeroSum();
        // Then (a,b) and (a,c) oppose, (b,c) align: 2 of 3
        assertThat(three.opposing()).isEqualTo(2);
        assertThat(three.aligned()).isEqualTo(1);
        assertThat(three.moves()).isEqualTo(3);
        assertThat(three.ratio()).isCloseTo(2 / 3.0, within(EPS));
        assertThat(three.verdict()).isEqualTo("ZERO_SUM_EVIDENCE");
        assertThat(three.window()).isEqualTo("P90D");
        // When a fourth move comes on CHN-PRK (moves on the same dyad do not pair with each other)
        List<TriadAggregate.Move> four = new java.util.ArrayList<>(moves);
        four.add(new TriadAggregate.Move("CHN-PRK", "d", T, -0.05));
        TriadState.ZeroSumEvidence more = math.state(abc(null), Map.of("CHN-PRK", dyad("CHN-PRK", 0.1, T)), four, null, null).zeroSum();
        // (d,b) and (d,c) align: opposing 2, aligned 3
        assertThat(more.opposing()).isEqualTo(2);
        assertThat(more.aligned()).isEqualTo(3);
        // 2 / 5 = 0.4: at the bound, no zero-sum evidence
        assertThat(more.ratio()).isCloseTo(0.4, within(EPS));
        assertThat(more.verdict()).isEqualTo("NO_ZERO_SUM_EVIDENCE");
        // And 2 opposing of 4 is mixed
        List<TriadAggregate.Move> mixed = List.of(moves.get(0), moves.get(1), moves.get(2), new TriadAggregate.Move("PRK-RUS", "e", T, 0.3));
        TriadState.ZeroSumEvidence half = math.state(abc(null), Map.of(), mixed, null, null).zeroSum();
        // (a,b) opp, (a,c) opp, (a,e) al, (b,c) al, (b,e) opp, (c,e)... same dyad: skipped -> 3 of 5
        assertThat(half.opposing()).isEqualTo(3);
        assertThat(half.aligned()).isEqualTo(2);
        assertThat(half.verdict()).isEqualTo("ZERO_SUM_EVIDENCE");
        // And too few pairs say so
        TriadState.ZeroSumEvidence few = math.state(abc(null), Map.of(), moves.subList(0, 2), null, null).zeroSum();
        assertThat(few.verdict()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(few.ratio()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void shouldStartATriadAddedAtRunTimeFromCurrentDyadScores() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given three summits on one day before the triad is watched
            driver.event(Events.summit("s1", "2024-06-19", "HEAD_OF_STATE", "PRK", "RUS"));
            driver.event(Events.summit("s2", "2024-06-19", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.summit("s3", "2024-06-19", "HEAD_OF_STATE", "CHN", "PRK"));
            assertThat(driver.triadLog()).isEmpty();
            // When it is added
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", "CHN"));
            // Then its state has the three current scores: tanh(0.7)^3, +++, balanced
            TriadState state = driver.lastTriad("CHN-PRK-RUS");
            assertThat(state.dyads()).allSatisfy(d -> assertThat(d.score()).isCloseTo(Math.tanh(0.7), within(EPS)));
            assertThat(state.product()).isCloseTo(Math.pow(Math.tanh(0.7), 3), within(EPS));
            assertThat(state.signClass()).isEqualTo("+++");
            assertThat(state.balanced()).isTrue();
            assertThat(state.pivot()).isEqualTo("CHN");
            assertThat(state.pivotConfigured()).isTrue();
            assertThat(state.pivotAsymmetry()).isCloseTo(0, within(EPS));
        }
    }

    @Test
    void shouldSendADyadUpdateOnlyToTriadsThatContainIt() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", null));
            driver.triad("JPN-KOR-USA", Events.triad("JPN-KOR-USA", "USA"));
            int before = driver.triadStates("JPN-KOR-USA").size();
            // When a CHN-RUS event arrives
            driver.event(Events.summit("s1", "2024-05-16", "HEAD_OF_STATE", "CHN", "RUS"));
            // Then only CHN-PRK-RUS moves
            assertThat(driver.triadStates("JPN-KOR-USA")).hasSize(before);
            TriadState state = driver.lastTriad("CHN-PRK-RUS");
            assertThat(state.lastDyad()).isEqualTo("CHN-RUS");
            assertThat(state.lastEventId()).isEqualTo("s1");
            assertThat(state.signClass()).isEqualTo("+00");
            assertThat(state.pivot()).isIn("CHN", "RUS");
            // And an exercise against PRK by KOR and USA moves JPN-KOR-USA (via KOR-USA) but not CHN-PRK-RUS
            int chn = driver.triadStates("CHN-PRK-RUS").size();
            driver.event(Events.exercise("x1", "2024-05-20", "PRK", "KOR", "USA"));
            assertThat(driver.triadStates("CHN-PRK-RUS")).hasSize(chn);
            assertThat(driver.lastTriad("JPN-KOR-USA").lastDyad()).isEqualTo("KOR-USA");
        }
    }

    @Test
    void shouldCollectZeroSumEvidenceInsideTheRollingWindowOnly() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", null));
            // Given an old move outside the 90-day window, then three moves within it
            driver.event(Events.summit("old", "2023-01-01", "HEAD_OF_STATE", "CHN", "PRK"));
            driver.event(Events.summit("s1", "2024-05-01", "HEAD_OF_STATE", "PRK", "RUS"));
            driver.event(Events.coded("c1", "2024-05-10", "CHN", "PRK", "111", null));
            driver.event(Events.summit("s2", "2024-05-20", "HEAD_OF_STATE", "CHN", "RUS"));
            TriadState.ZeroSumEvidence evidence = driver.lastTriad("CHN-PRK-RUS").zeroSum();
            // Then PRK-RUS +, CHN-PRK - (CAMEO 111 "criticize" -2.0), CHN-RUS +: 2 opposing, 1 aligned
            assertThat(evidence.moves()).isEqualTo(3);
            assertThat(evidence.opposing()).isEqualTo(2);
            assertThat(evidence.aligned()).isEqualTo(1);
            assertThat(evidence.verdict()).isEqualTo("ZERO_SUM_EVIDENCE");
        }
    }

    @Test
    void shouldWriteATombstoneWhenATriadIsRemoved() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", null));
            driver.triad("CHN-PRK-RUS", null);
            assertThat(driver.triadLog().get(driver.triadLog().size() - 1).value).isNull();
            // And later dyad moves no longer reach it
            int size = driver.triadLog().size();
            driver.event(Events.summit("s1", "2024-05-16", "HEAD_OF_STATE", "CHN", "RUS"));
            assertThat(driver.triadLog()).hasSize(size);
        }
    }

    @Test
    void shouldCollectTheSameZeroSumEvidenceWhenTheTriadIsAddedLate() {
        List<String> events = List.of(
                Events.summit("s1", "2024-05-01", "HEAD_OF_STATE", "PRK", "RUS"),
                Events.coded("c1", "2024-05-10", "CHN", "PRK", "111", null),
                Events.summit("s2", "2024-05-20", "HEAD_OF_STATE", "CHN", "RUS"));
        TriadState.ZeroSumEvidence early;
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", null));
            events.forEach(driver::event);
            early = driver.lastTriad("CHN-PRK-RUS").zeroSum();
        }
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // When the triad is added after the events: each dyad answers with its moves in the window
            events.forEach(driver::event);
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", null));
            TriadState.ZeroSumEvidence late = driver.lastTriad("CHN-PRK-RUS").zeroSum();
            assertThat(late).isEqualTo(early);
            assertThat(late.moves()).isEqualTo(3);
            // And redefining it (a new label) does not count the moves twice
            driver.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", "CHN"));
            assertThat(driver.lastTriad("CHN-PRK-RUS").zeroSum()).isEqualTo(early);
        }
    }
}
