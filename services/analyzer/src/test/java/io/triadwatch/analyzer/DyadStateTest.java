package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.topics.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dyad score: decay in event time, order independence, grace and LATE, dedupe, DLQ, counts. */
class DyadStateTest {
    private static final double EPS = 1e-9;

    @Test
    void shouldWeighAnImpulse180DaysOldAtHalf() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given a summit (7.0), then 180 days later an event with no impulse of its own
            driver.event(Events.summit("s1", "2020-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.coded("c1", "2020-06-29", "CHN", "RUS", "010", 0.0));
            // Then the summit weighs 3.5 as of the second event
            DyadState state = driver.lastDyad("CHN-RUS");
            assertThat(state.asOf()).hasToString("2020-06-29T00:00:00Z");
            assertThat(state.rawSum()).isCloseTo(3.5, within(EPS));
            assertThat(state.score()).isCloseTo(Math.tanh(0.35), within(EPS));
            assertThat(state.previousScore()).isCloseTo(Math.tanh(0.35), within(EPS));
            assertThat(state.delta()).isCloseTo(0, within(EPS));
            assertThat(state.eventCount()).isEqualTo(2);
            // And the contributions, newest first, carry their decayed weight
            assertThat(state.contributions()).extracting(c -> c.eventId()).containsExactly("c1", "s1");
            assertThat(state.contributions().get(1).weight()).isCloseTo(3.5, within(EPS));
            assertThat(state.contributions().get(1).impulse()).isCloseTo(7.0, within(EPS));

            // When another summit comes 360 days after the first
            driver.event(Events.summit("s2", "2020-12-26", "HEAD_OF_STATE", "CHN", "RUS"));
            // Then 7 * 1/4 + 7
            DyadState third = driver.lastDyad("CHN-RUS");
            assertThat(third.rawSum()).isCloseTo(8.75, within(EPS));
            assertThat(third.previousScore()).isCloseTo(Math.tanh(0.175), within(EPS));
            assertThat(third.delta()).isCloseTo(Math.tanh(0.875) - Math.tanh(0.175), within(EPS));
        }
    }

    @Test
    void shouldApplyOutOfOrderEventWithinGraceExactly() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given an event, then one 17 days older (inside the 30-day grace)
            driver.event(Events.summit("s2", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.summit("s1", "2023-12-15", "HEAD_OF_STATE", "CHN", "RUS"));
            // Then the sum is as if they came in order, and asOf stays at the newest
            DyadState state = driver.lastDyad("CHN-RUS");
            assertThat(state.asOf()).hasToString("2024-01-01T00:00:00Z");
            assertThat(state.rawSum()).isCloseTo(7 + 7 * Math.pow(2, -17 / 180.0), within(EPS));
            assertThat(state.contributions()).extracting(c -> c.eventId()).containsExactly("s2", "s1");
            assertThat(driver.dlq()).isEmpty();
        }
        try (AnalyzerDriver inOrder = new AnalyzerDriver()) {
            inOrder.event(Events.summit("s1", "2023-12-15", "HEAD_OF_STATE", "CHN", "RUS"));
            inOrder.event(Events.summit("s2", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            assertThat(inOrder.lastDyad("CHN-RUS").rawSum()).isCloseTo(7 + 7 * Math.pow(2, -17 / 180.0), within(EPS));
        }
    }

    @Test
    void shouldSendEventBeyondGraceToDlqAsLate() {
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withGrace(Duration.ofDays(30)))) {
            driver.event(Events.summit("s2", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            // When an event 61 days behind the partition's event time arrives
            String late = Events.summit("s1", "2023-11-01", "HEAD_OF_STATE", "CHN", "RUS");
            driver.event(late);
            // Then it goes to the DLQ, unchanged, with reason LATE, and the dyad does not move
            assertThat(driver.dlq()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("s1");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(late);
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("LATE");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE)).isEqualTo("analyzer");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("P30D");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REJECTED_AT)).isNotBlank();
            });
            assertThat(driver.dyadStates("CHN-RUS")).hasSize(1);
            assertThat(driver.counter("triadwatch.analyzer.dlq", "reason", "LATE")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldMeasureAnOutOfOrderMoveAtItsOwnEventTime() {
        String treaty = Events.treaty("t", "2024-06-19", "COMPREHENSIVE_STRATEGIC_PARTNERSHIP", "PRK", "RUS");
        String vote = Events.coded("v", "2024-06-01", "PRK", "RUS", "010", 3.0);
        String first = Events.summit("s", "2024-05-20", "HEAD_OF_STATE", "PRK", "RUS");
        AnalyzerConfig config = AnalyzerConfig.defaults().withGrace(Duration.ofDays(60));
        try (AnalyzerDriver inOrder = new AnalyzerDriver(config); AnalyzerDriver late = new AnalyzerDriver(config)) {
            // Given the same three events, once in event-time order and once with the middle one last
            inOrder.event(first).event(vote).event(treaty);
            late.event(first).event(treaty).event(vote);
            // Then the late event moves the dyad exactly as it did in order, at its own time
            DyadState expected = inOrder.dyadStates("PRK-RUS").get(1);
            DyadState actual = late.lastDyad("PRK-RUS");
            assertThat(actual.lastEventId()).isEqualTo("v");
            assertThat(actual.lastEventAt()).hasToString("2024-06-01T00:00:00Z");
            assertThat(actual.delta()).isCloseTo(expected.delta(), within(EPS));
            assertThat(actual.previousScore()).isCloseTo(expected.previousScore(), within(EPS));
            assertThat(actual.delta()).isGreaterThan(0.1);
            // And the score and asOf are those of the newest event, as in order
            assertThat(actual.asOf()).hasToString("2024-06-19T00:00:00Z");
            assertThat(actual.score()).isCloseTo(inOrder.lastDyad("PRK-RUS").score(), within(EPS));
            assertThat(actual.rawSum()).isCloseTo(inOrder.lastDyad("PRK-RUS").rawSum(), within(EPS));
            // And the history is the event-time path: the treaty's point now includes the earlier vote
            assertThat(late.history("PRK-RUS")).hasSameSizeAs(inOrder.history("PRK-RUS"));
            for (int i = 0; i < inOrder.history("PRK-RUS").size(); i++) {
                var want = inOrder.history("PRK-RUS").get(i);
                var got = late.history("PRK-RUS").get(i);
                assertThat(got.eventId()).isEqualTo(want.eventId());
                assertThat(got.score()).isCloseTo(want.score(), within(EPS));
                assertThat(got.delta()).isCloseTo(want.delta(), within(EPS));
                assertThat(got.rawSum()).isCloseTo(want.rawSum(), within(EPS));
            }
            assertThat(late.counter("triadwatch.analyzer.moves.approximate")).isZero();
        }
    }

    @Test
    void shouldMeasureAtTheLatestTimeWhenTheHistoryNoLongerHoldsEveryLaterEvent() {
        // Given a dyad that keeps only 2 history points (trimmed once it holds 3) and has 4 events
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withImpulses(ImpulseTable.v1()).withHistoryPointsKept(2))) {
            for (int day = 10; day <= 13; day++) {
                driver.event(Events.coded("c" + day, "2024-01-" + day, "CHN", "RUS", "010", 1.0));
            }
            DyadState before = driver.lastDyad("CHN-RUS");
            // When an event older than every point still kept arrives (inside the grace period)
            driver.event(Events.coded("old", "2024-01-05", "CHN", "RUS", "010", 1.0));
            // Then it is applied exactly to the score, its move measured at the dyad's latest time and counted as approximate
            DyadState state = driver.lastDyad("CHN-RUS");
            assertThat(state.rawSum()).isCloseTo(before.rawSum() + Math.pow(2, -8 / 180.0), within(EPS));
            assertThat(state.previousScore()).isCloseTo(before.score(), within(EPS));
            assertThat(state.delta()).isCloseTo(state.score() - before.score(), within(EPS));
            assertThat(driver.counter("triadwatch.analyzer.moves.approximate")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldMeasureAtTheLatestTimeWhenMoreLaterEventsFollowThanTheLimit() {
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withImpulses(ImpulseTable.v1()))) {
            // Given a dyad with one event more than the limit, each an hour apart
            java.time.Instant start = java.time.Instant.parse("2024-01-02T00:00:00Z");
            for (int i = 0; i <= io.triadwatch.analyzer.dyad.DyadProcessor.LATER_POINTS_LIMIT; i++) {
                driver.event(Events.coded("c" + i, start.plusSeconds(3600L * i).toString(), "CHN", "RUS", "010", 1.0));
            }
            DyadState before = driver.lastDyad("CHN-RUS");
            // When an event earlier than all of them arrives
            driver.event(Events.coded("early", "2024-01-01", "CHN", "RUS", "010", 1.0));
            // Then the score is exact, the move measured at the dyad's latest time, and counted as approximate
            DyadState state = driver.lastDyad("CHN-RUS");
            double hoursBehind = 24 + io.triadwatch.analyzer.dyad.DyadProcessor.LATER_POINTS_LIMIT;
            assertThat(state.rawSum()).isCloseTo(before.rawSum() + Math.pow(2, -(hoursBehind / 24.0) / 180.0), within(EPS));
            assertThat(state.delta()).isCloseTo(state.score() - before.score(), within(EPS));
            assertThat(driver.counter("triadwatch.analyzer.moves.approximate")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldChangeNothingWhenAnEventIdRepeats() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            String summit = Events.summit("s1", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS");
            driver.event(summit);
            DyadState first = driver.lastDyad("CHN-RUS");
            // When the same event arrives again (even with other content under the same id)
            driver.event(summit);
            driver.event(Events.summit("s1", "2024-02-01", "HEAD_OF_STATE", "CHN", "RUS"));
            // Then no state is written, nothing is dead-lettered, and the duplicates are counted
            assertThat(driver.dyadStates("CHN-RUS")).containsExactly(first);
            assertThat(driver.dlq()).isEmpty();
            assertThat(driver.counter("triadwatch.analyzer.events.in")).isEqualTo(3.0);
            assertThat(driver.counter("triadwatch.analyzer.events.processed")).isEqualTo(3.0);
            assertThat(driver.counter("triadwatch.analyzer.events.duplicate")).isEqualTo(2.0);
        }
    }

    @Test
    void shouldDeadLetterInvalidJsonAndUnknownActorWithReasonHeaders() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.raw("broken", "{not json".getBytes(StandardCharsets.UTF_8));
            driver.event(Events.summit("x1", "2024-01-01", "HEAD_OF_STATE", "CHN", "XXX"));
            driver.raw("empty", null);
            assertThat(driver.dlq()).hasSize(3);
            assertThat(driver.dlq().get(0).key()).isEqualTo("broken");
            assertThat(new String(driver.dlq().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(DeadLetters.header(driver.dlq().get(0).headers(), DeadLetters.REASON)).isEqualTo("INVALID_JSON");
            assertThat(driver.dlq().get(1).key()).isEqualTo("x1");
            assertThat(DeadLetters.header(driver.dlq().get(1).headers(), DeadLetters.REASON)).isEqualTo("UNKNOWN_ACTOR");
            assertThat(DeadLetters.header(driver.dlq().get(1).headers(), DeadLetters.DETAIL)).contains("XXX");
            assertThat(DeadLetters.header(driver.dlq().get(2).headers(), DeadLetters.REASON)).isEqualTo("INVALID_JSON");
            assertThat(driver.dyadLog()).isEmpty();
        }
    }

    @Test
    void shouldKeepTheIncomingKeyOnTheDeadLetterOfAnUnreadableBodyOrATombstone() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // When a body that is not JSON and a tombstone arrive under keys of their own (as kcat can write them)
            driver.raw("key-of-garbage", new byte[] {(byte) 0xff, 0x00, 0x01});
            driver.raw("key-of-tombstone", null);

            // Then their dead letters carry those keys, since no event id could be read from them
            assertThat(driver.dlq()).extracting(r -> r.key()).containsExactly("key-of-garbage", "key-of-tombstone");
        }
    }

    @Test
    void shouldKeepCountsInEqualToProcessedPlusRejected() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            driver.event(Events.summit("s1", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.summit("s1", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.raw("bad", "[]".getBytes(StandardCharsets.UTF_8));
            driver.event(Events.coded("c1", "2024-01-02", "PRK", "USA", "99", null));
            driver.event(Events.summit("s0", "2020-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.treaty("t1", "2024-01-03", "OTHER", "PRK", "RUS"));
            double in = driver.counter("triadwatch.analyzer.events.in");
            double processed = driver.counter("triadwatch.analyzer.events.processed");
            double rejected = driver.counter("triadwatch.analyzer.dlq");
            assertThat(in).isEqualTo(6.0);
            assertThat(processed).isEqualTo(3.0);
            assertThat(rejected).isEqualTo(3.0);
            assertThat(in).isEqualTo(processed + rejected);
            assertThat(driver.dlq()).hasSize((int) rejected);
            // And every impulse of an accepted event was applied
            assertThat(driver.counter("triadwatch.analyzer.impulses.applied")).isEqualTo(driver.counter("triadwatch.analyzer.impulses")).isPositive();
        }
    }

    @Test
    void shouldPlaceEachMoveAgainstTheDyadsEarlierMoves() {
        // Under v1, whose coded events are plain impulses (under v2 they form a tone: ChannelTest)
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withImpulses(ImpulseTable.v1()))) {
            // Given three coded events on one day: sums 1, 2, 4 -> moves tanh(.1), tanh(.2)-tanh(.1), tanh(.4)-tanh(.2)
            driver.event(Events.coded("c1", "2024-01-01", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("c2", "2024-01-01", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("c3", "2024-01-01", "CHN", "RUS", "010", 2.0));
            double m1 = Math.tanh(0.1);
            double m2 = Math.tanh(0.2) - Math.tanh(0.1);
            double m3 = Math.tanh(0.4) - Math.tanh(0.2);
            List<DyadState> states = driver.dyadStates("CHN-RUS");
            // Then the first move has no history
            assertThat(states.get(0).baseline().count()).isZero();
            assertThat(states.get(0).baseline().zScore()).isNull();
            assertThat(states.get(0).baseline().percentile()).isNull();
            // And the second is placed among one earlier move: smaller, so percentile 0, no z-score yet
            assertThat(states.get(1).baseline().count()).isEqualTo(1);
            assertThat(states.get(1).baseline().percentile()).isEqualTo(0.0);
            assertThat(states.get(1).baseline().zScore()).isNull();
            // And the third against two: mean, population stddev, z-score, percentile 100
            double mean = (m1 + m2) / 2;
            double sd = Math.abs(m1 - m2) / 2;
            assertThat(states.get(2).baseline().count()).isEqualTo(2);
            assertThat(states.get(2).baseline().mean()).isCloseTo(mean, within(EPS));
            assertThat(states.get(2).baseline().stddev()).isCloseTo(sd, within(EPS));
            assertThat(states.get(2).baseline().zScore()).isCloseTo((m3 - mean) / sd, within(1e-6));
            assertThat(states.get(2).baseline().percentile()).isEqualTo(100.0);
            assertThat(states.get(2).baseline().recent()).hasSize(2);
            assertThat(states.get(2).delta()).isCloseTo(m3, within(EPS));
        }
    }

    @Test
    void shouldKeepOnlyTheConfiguredNumberOfContributions() {
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withContributionsKept(2))) {
            driver.event(Events.coded("c1", "2024-01-01", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("c2", "2024-01-02", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("c3", "2024-01-03", "CHN", "RUS", "010", 1.0));
            assertThat(driver.lastDyad("CHN-RUS").contributions()).extracting(c -> c.eventId()).containsExactly("c3", "c2");
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(3);
        }
    }

    @Test
    void shouldNameTheLatestDraftInEventTimeInTheVotingRecord() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given a vote, then an older one arriving late (inside the grace period)
            driver.event(Events.vote("u2", "2024-03-28", "PRK", null, "VETOED", new java.util.TreeMap<>(java.util.Map.of("RUS", "VETO", "CHN", "ABSTAIN"))));
            driver.event(Events.vote("u1", "2024-03-10", "PRK", null, "ADOPTED", new java.util.TreeMap<>(java.util.Map.of("RUS", "YES", "CHN", "YES"))));
            // Then both count, and the last draft is still the later one
            var voting = driver.lastDyad("CHN-RUS").voting();
            assertThat(voting.total()).isEqualTo(2);
            assertThat(voting.together()).isEqualTo(1);
            assertThat(voting.lastDraft()).isEqualTo("S/u2");
            assertThat(voting.agreedLast()).isFalse();
        }
    }

    @Test
    void shouldKeepTheHistoryBoundedAndItsNewestPoints() {
        // Given a history bound of 10 points
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerConfig.defaults().withHistoryPointsKept(10))) {
            // When 30 events move CHN-RUS, a day apart
            for (int day = 1; day <= 30; day++) {
                driver.event(Events.coded("h" + day, String.format("2020-01-%02d", day), "CHN", "RUS", "010", 1.0));
            }

            // Then the dyad keeps at least 10 and at most 11 points (trimmed in batches), the newest among them
            java.util.List<String> keys = new java.util.ArrayList<>();
            try (var it = driver.driver.<String, Object>getKeyValueStore(AnalyzerStores.DYAD_HISTORY).all()) {
                it.forEachRemaining(kv -> {
                    if (kv.key.startsWith("CHN-RUS|")) {
                        keys.add(kv.key);
                    }
                });
            }
            assertThat(keys).hasSizeBetween(10, 11);
            assertThat(keys).anySatisfy(k -> assertThat(k).endsWith("|h30"));
            assertThat(keys).noneSatisfy(k -> assertThat(k).endsWith("|h1"));
        }
    }
}
