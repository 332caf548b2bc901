package io.triadwatch.analyzer;

import io.triadwatch.analyzer.dyad.DyadReadings;
import java.time.Clock;
import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo timeline through the topology in event-time order, and the seed article's reading of
 * it. The same reading is checked on a real broker by {@link AnalyzerIntegrationTest}.
 */
class DemoReadingTest {
    private static AnalyzerDriver driver;

    @BeforeAll
    static void replay() {
        driver = new AnalyzerDriver();
        DemoTimeline.officials().forEach(driver::official);
        DemoTimeline.triads().forEach(line -> driver.triad(DemoTimeline.id(line), line));
        DemoTimeline.events().forEach(line -> driver.raw(DemoTimeline.id(line), line.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    @Test
    void shouldApplyEveryDemoEvent() {
        assertThat(driver.dlq()).isEmpty();
        assertThat(driver.counter("triadwatch.analyzer.events.processed")).isEqualTo(DemoTimeline.events().size());
    }

    @Test
    void shouldReadChnPrkIn2022FarBelowItsLevelAfterThe2019Visit() {
        // Given CHN-PRK as the last event before 25 May 2022 left it
        Instant at = Instant.parse("2022-05-25T00:00:00Z");
        List<DyadState> upTo = driver.dyadStates("CHN-PRK").stream().filter(s -> !s.asOf().isAfter(at)).toList();
        DyadState state = upTo.get(upTo.size() - 1);
        // When it is read as of that day
        double then = DyadReadings.of(driver.config, Clock.systemUTC()).scoreAt(state, at);
        // Then almost three years of decay have taken it far below its 2019 level
        assertThat(state.score()).isGreaterThan(0.9);
        assertThat(then).isLessThan(state.score() / 3);
    }

    @Test
    void shouldReadJuly2023VictoryDayDelegationAsRankDropAgainst2013() {
        DyadState state = last(driver.dyadStates("CHN-PRK"), "demo-2023-07-27-victory-day-chn");
        assertThat(state.lastTrigger()).isEqualTo("RANK_DROP");
        assertThat(state.rankSignal().direction()).isEqualTo("DROP");
        assertThat(state.rankSignal().rankLabel()).isEqualTo("LEADERSHIP 24/25");
        assertThat(state.rankSignal().rankSource()).isEqualTo("REGISTRY");
        assertThat(state.rankSignal().baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("demo-2013-07-27-victory-day-chn");
        assertThat(state.rankSignal().baselineVisits().get(0).rankLabel()).isEqualTo("LEADERSHIP 8/25");
    }

    @Test
    void shouldReadSeptember2023NationalDayDelegationAsRankDropAgainst2010And2018() {
        DyadState state = last(driver.dyadStates("CHN-PRK"), "demo-2023-09-09-national-day-chn");
        assertThat(state.lastTrigger()).isEqualTo("RANK_DROP");
        assertThat(state.rankSignal().rankSource()).isEqualTo("TIER_ONLY");
        assertThat(state.rankSignal().baselineVisits()).extracting(BaselineVisit::eventId)
                .containsExactly("demo-2010-09-09-national-day-chn", "demo-2018-09-09-national-day-chn");
    }

    @Test
    void shouldSeePrkRusRiseThrough2023And2024() {
        List<DyadState> window = driver.dyadStates("PRK-RUS").stream()
                .filter(s -> s.asOf().isAfter(Instant.parse("2022-12-31T00:00:00Z")) && s.asOf().isBefore(Instant.parse("2025-01-01T00:00:00Z")))
                .toList();
        assertThat(window).extracting(DyadState::lastEventId).contains(
                "demo-2023-09-13-summit-prk-rus-vostochny", "demo-2024-03-28-unsc-vote-panel-of-experts",
                "demo-2024-06-19-summit-prk-rus-pyongyang", "demo-2024-06-19-treaty-prk-rus");
        assertThat(window).allSatisfy(s -> assertThat(s.delta()).as(s.lastEventId()).isPositive());
        assertThat(window.get(window.size() - 1).score()).isGreaterThan(window.get(0).score()).isGreaterThan(0.8);
    }

    @Test
    void shouldKeepChnRusPositiveFromThe2023SummitOn() {
        List<DyadState> since = driver.dyadStates("CHN-RUS").stream()
                .filter(s -> !s.asOf().isBefore(Instant.parse("2023-03-20T00:00:00Z"))).toList();
        assertThat(since).isNotEmpty().allSatisfy(s -> assertThat(s.score()).as(s.lastEventId()).isPositive());
    }

    @Test
    void shouldKeepChnPrkRusBalancedFrom2023On() {
        List<TriadState> since = driver.triadStates("CHN-PRK-RUS").stream()
                .filter(s -> s.asOf() != null && !s.asOf().isBefore(Instant.parse("2023-03-22T00:00:00Z"))).toList();
        assertThat(since).isNotEmpty().allSatisfy(s -> {
            assertThat(s.balanced()).as(s.lastEventId() + " " + s.signClass()).isTrue();
            assertThat(s.signClass()).isEqualTo("+++");
        });
        TriadState last = driver.lastTriad("CHN-PRK-RUS");
        assertThat(last.pivot()).isEqualTo("CHN");
        assertThat(last.zeroSum().verdict()).isEqualTo("NO_ZERO_SUM_EVIDENCE");
    }

    private static DyadState last(List<DyadState> states, String visit) {
        List<DyadState> about = states.stream().filter(s -> s.rankSignal() != null && visit.equals(s.rankSignal().eventId())).toList();
        assertThat(about).as("states about " + visit).isNotEmpty();
        return about.get(about.size() - 1);
    }
}
