package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.analyzer.dyad.HistoryPoint;
import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.topics.PaceEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Coded impulses combined per dyad and event-day before the dyad stage (docs/analytic-model.md §3.3):
 * the dyad ends where per-event processing takes it, to 1e-9, with one history point per bucket.
 */
class CodedCombiningTest {
    private static final double EPS = 1e-9;
    private static final String[] CAMEOS = {"040", "036", "111", "057", "190", "074", "130", "051"};

    /** Asserts that two final states agree on every channel, the score and the count of events. */
    static void assertSameState(DyadState combined, DyadState single) {
        assertThat(combined.asOf()).as(single.dyad()).isEqualTo(single.asOf());
        assertThat(combined.eventCount()).as(single.dyad()).isEqualTo(single.eventCount());
        assertThat(combined.score()).as(single.dyad()).isCloseTo(single.score(), within(EPS));
        assertThat(combined.rawSum()).as(single.dyad()).isCloseTo(single.rawSum(), within(EPS));
        ChannelSums a = combined.channels();
        ChannelSums b = single.channels();
        double[] x = {a.curated(), a.toneSum(), a.toneVolume(), a.verbalCooperation(), a.materialCooperation(), a.verbalConflict(), a.materialConflict(),
                a.voteSurprise(), a.voteInformative()};
        double[] y = {b.curated(), b.toneSum(), b.toneVolume(), b.verbalCooperation(), b.materialCooperation(), b.verbalConflict(), b.materialConflict(),
                b.voteSurprise(), b.voteInformative()};
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).as("%s channel %d", single.dyad(), i).isCloseTo(y[i], within(EPS));
        }
    }

    @Test
    void shouldEndEveryDyadWhereEventByEventProcessingDoes() {
        // Given a week of coded reports on four dyads, some out of order within the grace period, and a few curated events
        Random random = new Random(20_180_601);
        String[][] dyads = {{"CAN", "USA"}, {"CHN", "USA"}, {"PRK", "USA"}, {"RUS", "UKR"}};
        List<String> events = new ArrayList<>();
        Instant start = Instant.parse("2018-06-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            String[] d = dyads[random.nextInt(dyads.length)];
            Instant at = start.plusSeconds(i * 1500L - (random.nextInt(5) == 0 ? random.nextInt(200_000) : 0));
            if (i % 97 == 50) {
                events.add(Events.summit("s" + i, at.toString(), "HEAD_OF_STATE", d[0], d[1]));
            } else {
                events.add(Events.coded("c" + i, at.toString(), d[0], d[1], CAMEOS[random.nextInt(CAMEOS.length)], null));
            }
        }
        try (AnalyzerDriver combined = new AnalyzerDriver().holdingBuckets();
             AnalyzerDriver single = new AnalyzerDriver(AnalyzerConfig.defaults().withCombining(AnalyzerConfig.Combining.off()))) {
            // When both read them, the combining one flushing only as the watermark and curated events say, and at the end
            events.forEach(combined::event);
            events.forEach(single::event);
            combined.flushBuckets();
            // Then every dyad ends in the same state, in far fewer records
            Map<String, DyadState> expected = single.finalDyads();
            assertThat(combined.finalDyads().keySet()).isEqualTo(expected.keySet());
            expected.forEach((dyad, state) -> assertSameState(combined.lastDyad(dyad), state));
            assertThat(combined.dyadLog().size()).isLessThan(single.dyadLog().size() / 4);
            assertThat(combined.counter("triadwatch.analyzer.impulses.applied")).isEqualTo(single.counter("triadwatch.analyzer.impulses.applied"));
            assertThat(AnalyzerMetrics.settled(combined.registry)).isTrue();
        }
    }

    @Test
    void shouldShowOneHistoryPointPerBucketWithItsCountAndMostIntenseEvents() {
        try (AnalyzerDriver driver = new AnalyzerDriver().holdingBuckets()) {
            // Given eight reports on one day, each of another intensity
            double[] goldstein = {1.0, -7.5, 3.0, 10.0, -2.0, 0.5, 6.0, -4.0};
            for (int i = 0; i < goldstein.length; i++) {
                driver.event(Events.coded("d1-" + i, "2018-06-01T0" + i + ":00:00Z", "CAN", "USA", "040", goldstein[i]));
            }
            assertThat(driver.dyadStates("CAN-USA")).isEmpty();
            assertThat(driver.counter("triadwatch.analyzer.combined.buckets.opened")).isEqualTo(1.0);
            // When a report of the next day moves the partition's event time past the first day
            driver.event(Events.coded("d2-0", "2018-06-02T12:00:00Z", "CAN", "USA", "040", 2.0));
            // Then the first day reaches the dyad as one record, named after its most intense report, at its latest time
            List<HistoryPoint> history = driver.history("CAN-USA");
            assertThat(history).hasSize(1);
            HistoryPoint day = history.get(0);
            assertThat(day.at()).isEqualTo(Instant.parse("2018-06-01T07:00:00Z"));
            assertThat(day.eventId()).isEqualTo("d1-3");
            assertThat(day.combined().count()).isEqualTo(8);
            assertThat(day.combined().topEventIds()).containsExactly("d1-3", "d1-1", "d1-6", "d1-7", "d1-2");
            assertThat(day.summary()).startsWith("8 coded events from 2018-06-01T00:00:00Z to 2018-06-02T00:00:00Z");
            DyadState state = driver.lastDyad("CAN-USA");
            assertThat(state.eventCount()).isEqualTo(8);
            assertThat(state.lastEventId()).isEqualTo("d1-3");
            assertThat(state.lastEventAt()).isEqualTo(day.at());
            assertThat(state.contributions()).singleElement().satisfies(c -> assertThat(c.eventId()).isEqualTo("d1-3"));
            assertThat(driver.counter("triadwatch.analyzer.combined.records")).isEqualTo(1.0);
            assertThat(driver.counter("triadwatch.analyzer.combined.impulses")).isEqualTo(8.0);
            // And the second day's lone report, flushed by the wall clock, crosses as itself
            driver.flushBuckets();
            assertThat(driver.history("CAN-USA")).hasSize(2).last().satisfies(p -> {
                assertThat(p.eventId()).isEqualTo("d2-0");
                assertThat(p.combined()).isNull();
            });
            assertThat(AnalyzerMetrics.settled(driver.registry)).isTrue();
        }
    }

    @Test
    void shouldKeepACuratedEventsMoveBetweenCodedReportsOfItsDyad() {
        // Given coded reports before and after a summit of the same dyad, the summit arriving in event-time order
        List<String> events = List.of(
                Events.coded("a1", "2019-02-27T01:00:00Z", "PRK", "USA", "040", 4.0),
                Events.coded("a2", "2019-02-27T02:00:00Z", "PRK", "USA", "111", -2.0),
                Events.coded("x1", "2019-02-27T02:30:00Z", "CHN", "USA", "040", 1.0),
                Events.summit("hanoi", "2019-02-27T03:00:00Z", "HEAD_OF_STATE", "PRK", "USA"),
                Events.coded("b1", "2019-02-27T04:00:00Z", "PRK", "USA", "057", 8.0),
                Events.coded("b2", "2019-02-27T05:00:00Z", "PRK", "USA", "190", -10.0));
        try (AnalyzerDriver combined = new AnalyzerDriver().holdingBuckets();
             AnalyzerDriver single = new AnalyzerDriver(AnalyzerConfig.defaults().withCombining(AnalyzerConfig.Combining.off()))) {
            // When both read them
            events.forEach(combined::event);
            events.forEach(single::event);
            combined.flushBuckets();
            // Then the summit's state is the same: its move, its id, its time
            DyadState summitCombined = combined.dyadStates("PRK-USA").stream().filter(s -> s.lastEventId().equals("hanoi")).findFirst().orElseThrow();
            DyadState summitSingle = single.dyadStates("PRK-USA").stream().filter(s -> s.lastEventId().equals("hanoi")).findFirst().orElseThrow();
            assertThat(summitCombined.delta()).isCloseTo(summitSingle.delta(), within(EPS));
            assertThat(summitCombined.score()).isCloseTo(summitSingle.score(), within(EPS));
            assertThat(summitCombined.lastEventAt()).isEqualTo(summitSingle.lastEventAt());
            // And the dyad ends in the same state, with a2 and a1 combined before the summit and b1, b2 after it
            assertSameState(combined.lastDyad("PRK-USA"), single.lastDyad("PRK-USA"));
            assertSameState(combined.lastDyad("CHN-USA"), single.lastDyad("CHN-USA"));
            assertThat(combined.history("PRK-USA")).extracting(HistoryPoint::eventId).containsExactly("a1", "hanoi", "b2");
        }
    }

    @Test
    void shouldForwardEveryOpenBucketAtAPaceEndOfABacktestButNotLive() {
        // Given coded reports of two dyads on one day, the last one marked as the end of a pace
        List<String> reports = List.of(
                Events.coded("p1", "2019-02-27T01:00:00Z", "PRK", "USA", "040", 4.0),
                Events.coded("c1", "2019-02-27T02:00:00Z", "CHN", "USA", "040", 1.0),
                Events.coded("p2", "2019-02-27T03:00:00Z", "PRK", "USA", "111", -2.0));
        try (AnalyzerDriver backtest = new AnalyzerDriver(AnalyzerConfig.defaults().backtest()).holdingBuckets();
             AnalyzerDriver live = new AnalyzerDriver().holdingBuckets()) {
            // When a backtest and a live analyzer read them, with no wall-clock time passing
            for (AnalyzerDriver driver : List.of(backtest, live)) {
                driver.event(reports.get(0)).event(reports.get(1)).paceEnd(reports.get(2));
            }

            // Then the backtest applied every report at the mark, one combined state per dyad, and holds nothing back
            assertThat(backtest.dyadStates("PRK-USA")).singleElement().extracting(DyadState::eventCount).isEqualTo(2L);
            assertThat(backtest.dyadStates("CHN-USA")).singleElement().extracting(DyadState::eventCount).isEqualTo(1L);
            assertThat(AnalyzerMetrics.settled(backtest.registry)).isTrue();
            // And no record past the intake carries the mark
            String repartition = backtest.config.applicationId() + "-" + AnalyzerTopology.DYAD_INPUTS + "-repartition";
            assertThat(backtest.driver.producedTopicNames()).contains(repartition);
            assertThat(backtest.driver.createOutputTopic(repartition, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList())
                    .isNotEmpty().allSatisfy(r -> assertThat(PaceEnd.isSet(r.headers())).isFalse());
            // And the live analyzer ignores the mark: its buckets wait for a flush interval of idleness
            assertThat(live.dyadStates("PRK-USA")).isEmpty();
            live.flushBuckets();
            assertThat(live.lastDyad("PRK-USA").eventCount()).isEqualTo(2);
            assertSameState(backtest.lastDyad("PRK-USA"), live.lastDyad("PRK-USA"));
        }
    }
}
