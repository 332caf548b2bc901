package io.triadwatch.analyzer;

import static io.triadwatch.analyzer.Events.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protocol weight from the officials registry joined as of the event time, and the occasion
 * baselines: the article's two Chinese delegations of 2023.
 * LEADERSHIP spans 0.6..0.4: rank r of 25 weighs 0.6 - 0.2 (r - 1)/25; without rank, 0.5.
 */
class RankBaselineTest {
    private static final double EPS = 1e-9;

    private static void registry(AnalyzerDriver driver) {
        driver.official(Events.official("li-yuanchao", "Li Yuanchao", "CHN", "LEADERSHIP", 8, 25, "2013-03-14", "2017-10-25"));
        driver.official(Events.official("li-hongzhong", "Li Hongzhong", "CHN", "LEADERSHIP", 24, 25, "2023-03-10", null));
        driver.official(Events.official("liu-guozhong", "Liu Guozhong", "CHN", "LEADERSHIP", null, null, "2023-03-12", null));
    }

    @Test
    void shouldUseTheRankValidAtTheEventTimeEvenAfterALaterVersion() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given two versions of one official; the later one (rank 2) is loaded too
            driver.official(Events.official("li-yuanchao", "Li Yuanchao", "CHN", "LEADERSHIP", 8, 25, "2013-03-14", "2017-10-25"));
            driver.official(Events.official("li-yuanchao", "Li Yuanchao", "CHN", "LEADERSHIP", 2, 25, "2017-10-25", null));
            // When a 2013 visit names him by id only
            driver.event(Events.visit("v2013", "2013-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Yuanchao", "li-yuanchao", null, null, null)));
            // Then the 2013 rank is used
            RankSignal signal = driver.lastDyad("CHN-PRK").rankSignal();
            assertThat(signal.rankLabel()).isEqualTo("LEADERSHIP 8/25");
            assertThat(signal.rankSource()).isEqualTo("REGISTRY");
            assertThat(signal.weight()).isCloseTo(0.544, within(EPS));
            // And a 2018 visit finds the 2017 version
            driver.event(Events.visit("v2018", "2018-07-27", "PRK", "CHN", null, head("Li Yuanchao", "li-yuanchao", null, null, null)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().rankLabel()).isEqualTo("LEADERSHIP 2/25");
        }
    }

    @Test
    void shouldMatchTheRegistryByHeadNameAndGuestCountryWithoutAnId() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            registry(driver);
            driver.event(Events.visit("v1", "2013-07-27", "PRK", "CHN", null, head("li  yuanchao", null, null, null, null)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().rankLabel()).isEqualTo("LEADERSHIP 8/25");
            // But not for another country's delegation
            driver.event(Events.visit("v2", "2013-07-28", "PRK", "RUS", null, head("Li Yuanchao", null, null, null, null)));
            assertThat(driver.dlq()).hasSize(1);
        }
    }

    @Test
    void shouldLetInlineRankWinOverTheRegistry() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            registry(driver);
            driver.event(Events.visit("v1", "2013-07-27", "PRK", "CHN", null, head("Li Yuanchao", "li-yuanchao", "LEADERSHIP", 3, 25)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().rankLabel()).isEqualTo("LEADERSHIP 3/25");
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().rankSource()).isEqualTo("INLINE");
        }
    }

    @Test
    void shouldFlagRankDropAgainstVictoryDayBaseline() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            registry(driver);
            driver.event(Events.visit("v2013", "2013-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Yuanchao", "li-yuanchao", null, null, null)));
            // When July 2023 brings rank 24 of 25 to the same occasion
            driver.event(Events.visit("v2023", "2023-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Hongzhong", "li-hongzhong", null, null, null)));
            // Then it is a drop of 0.416 - 0.544 against the 2013 visit
            DyadState state = driver.lastDyad("CHN-PRK");
            assertThat(state.lastTrigger()).isEqualTo("RANK_DROP");
            RankSignal signal = state.rankSignal();
            assertThat(signal.direction()).isEqualTo("DROP");
            assertThat(signal.weight()).isCloseTo(0.416, within(EPS));
            assertThat(signal.baselineWeight()).isCloseTo(0.544, within(EPS));
            assertThat(signal.gap()).isCloseTo(-0.128, within(EPS));
            assertThat(signal.rankLabel()).isEqualTo("LEADERSHIP 24/25");
            assertThat(signal.baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("v2013");
            assertThat(signal.baselineVisits().get(0).rankLabel()).isEqualTo("LEADERSHIP 8/25");
            // And the visit is still a (smaller) positive impulse: a drop is evidence, not a snub score
            assertThat(state.delta()).isPositive();
        }
    }

    @Test
    void shouldFlagUnrankedPolitburoMemberAsDropAgainstNationalDayBaseline() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            registry(driver);
            driver.event(Events.visit("v2010", "2010-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Zhou Yongkang", null, "LEADERSHIP", 9, 25)));
            driver.event(Events.visit("v2018", "2018-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Li Zhanshu", null, "LEADERSHIP", 3, 25)));
            driver.event(Events.visit("v2023", "2023-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Liu Guozhong", "liu-guozhong", null, null, null)));
            RankSignal signal = driver.lastDyad("CHN-PRK").rankSignal();
            // Then the tier midpoint 0.5 against the mean of 0.536 and 0.584
            assertThat(signal.rankSource()).isEqualTo("TIER_ONLY");
            assertThat(signal.weight()).isCloseTo(0.5, within(EPS));
            assertThat(signal.baselineWeight()).isCloseTo(0.56, within(EPS));
            assertThat(signal.gap()).isCloseTo(-0.06, within(EPS));
            assertThat(signal.direction()).isEqualTo("DROP");
            assertThat(signal.series()).isEqualTo("PRK:CHN:PRK_NATIONAL_DAY");
            assertThat(signal.baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("v2010", "v2018");
        }
    }

    @Test
    void shouldFlagRiseAndInLineVisits() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.event(Events.visit("v1", "2010-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("A", null, "LEADERSHIP", 9, 25)));
            driver.event(Events.visit("v2", "2011-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("B", null, "LEADERSHIP", 10, 25)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().direction()).isEqualTo("IN_LINE");
            assertThat(driver.lastDyad("CHN-PRK").lastTrigger()).isEqualTo("DELEGATION_VISIT");
            driver.event(Events.visit("v3", "2012-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("C", null, "HEAD_OF_STATE", null, null)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().direction()).isEqualTo("RISE");
            assertThat(driver.lastDyad("CHN-PRK").lastTrigger()).isEqualTo("RANK_RISE");
            // And another series of the same dyad keeps its own baseline
            driver.event(Events.visit("v4", "2012-10-01", "PRK", "CHN", "PRK_VICTORY_DAY", head("D", null, "OFFICIAL", null, null)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().direction()).isEqualTo("NO_BASELINE");
        }
    }

    @Test
    void shouldCorrectALaterVisitWhenAnEarlierOneArrivesAfterIt() {
        // Given a grace period long enough to accept the 2013 visit after the 2023 one
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withGrace(Duration.ofDays(20 * 365)))) {
            registry(driver);
            driver.event(Events.visit("v2023", "2023-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Hongzhong", "li-hongzhong", null, null, null)));
            assertThat(driver.lastDyad("CHN-PRK").rankSignal().direction()).isEqualTo("NO_BASELINE");
            // When the 2013 visit arrives
            driver.event(Events.visit("v2013", "2013-07-27", "PRK", "CHN", "PRK_VICTORY_DAY", head("Li Yuanchao", "li-yuanchao", null, null, null)));
            // Then the 2013 visit is judged first (no baseline), then a correction re-judges 2023 as a drop
            List<DyadState> states = driver.dyadStates("CHN-PRK");
            assertThat(states).hasSize(3);
            assertThat(states.get(1).rankSignal().eventId()).isEqualTo("v2013");
            DyadState correction = states.get(2);
            assertThat(correction.lastEventId()).isEqualTo("v2023");
            assertThat(correction.lastTrigger()).isEqualTo("RANK_DROP");
            assertThat(correction.rankSignal().direction()).isEqualTo("DROP");
            assertThat(correction.delta()).isZero();
            assertThat(correction.rawSum()).isEqualTo(states.get(1).rawSum());
        }
    }

    @Test
    void shouldCiteTheFullBaselineWhateverTheArrivalOrder() {
        // Given the National Day visits arriving newest first (as partitions may deliver them)
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withGrace(Duration.ofDays(20 * 365)))) {
            registry(driver);
            driver.event(Events.visit("v2023", "2023-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Liu Guozhong", "liu-guozhong", null, null, null)));
            driver.event(Events.visit("v2018", "2018-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Li Zhanshu", null, "LEADERSHIP", 3, 25)));
            driver.event(Events.visit("v2010", "2010-09-09", "PRK", "CHN", "PRK_NATIONAL_DAY", head("Zhou Yongkang", null, "LEADERSHIP", 9, 25)));
            // Then the last word on each visit cites every earlier visit of the series
            List<DyadState> states = driver.dyadStates("CHN-PRK");
            RankSignal on2023 = lastAbout(states, "v2023");
            assertThat(on2023.direction()).isEqualTo("DROP");
            assertThat(on2023.baselineWeight()).isCloseTo(0.56, within(EPS));
            assertThat(on2023.baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("v2010", "v2018");
            assertThat(lastAbout(states, "v2018").baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("v2010");
            // 0.584 against 0.536: a gap of 0.048, inside the 0.05 threshold
            assertThat(lastAbout(states, "v2018").direction()).isEqualTo("IN_LINE");
            // And the score is the same as in event-time order
            assertThat(driver.lastDyad("CHN-PRK").eventCount()).isEqualTo(3);
        }
    }

    private static RankSignal lastAbout(List<DyadState> states, String visit) {
        List<RankSignal> about = states.stream().map(DyadState::rankSignal).filter(r -> r != null && r.eventId().equals(visit)).toList();
        return about.get(about.size() - 1);
    }
}
