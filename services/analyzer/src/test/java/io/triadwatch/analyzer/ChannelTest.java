package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.model.state.DyadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The v2 channels (docs/analytic-model.md §3): coded news is a tone, not a sum; UN voter pairs are an
 * agreement rate against the body's norm, not a count of agreements.
 */
class ChannelTest {
    private static final double EPS = 1e-9;

    @Test
    void shouldGiveRepeatedCodedReportsAlmostTheSameScore() {
        // Given a mix of coded reports on one dyad, once and each repeated three times under fresh ids
        String[][] rows = {{"040", "2018-06-01"}, {"036", "2018-06-01"}, {"111", "2018-06-02"}, {"057", "2018-06-02"}, {"190", "2018-06-02"}};
        try (AnalyzerDriver once = new AnalyzerDriver(); AnalyzerDriver thrice = new AnalyzerDriver()) {
            for (int i = 0; i < rows.length; i++) {
                once.event(Events.coded("c" + i, rows[i][1], "CAN", "USA", rows[i][0], null));
                for (int k = 0; k < 3; k++) {
                    thrice.event(Events.coded("c" + i + "-" + k, rows[i][1], "CAN", "USA", rows[i][0], null));
                }
            }
            // Then the tone is the same, the attention three times as high, and the score within 0.05
            ChannelSums a = once.lastDyad("CAN-USA").channels();
            ChannelSums b = thrice.lastDyad("CAN-USA").channels();
            assertThat(b.tone()).isCloseTo(a.tone(), within(EPS));
            assertThat(b.toneVolume()).isCloseTo(3 * a.toneVolume(), within(EPS));
            assertThat(thrice.lastDyad("CAN-USA").score()).isCloseTo(once.lastDyad("CAN-USA").score(), within(0.05));
        }
    }

    @Test
    void shouldNeverLetCodedVolumeAlonePinADyad() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given three hundred of the most cooperative reports there are, in one day
            Instant start = Instant.parse("2019-01-01T00:00:00Z");
            for (int i = 0; i < 300; i++) {
                driver.event(Events.coded("c" + i, start.plusSeconds(300L * i).toString(), "CHN", "PRK", "074", 10.0));
            }
            // Then the score stays below tanh(10 × toneScale / scoreScale) = tanh(1)
            DyadState state = driver.lastDyad("CHN-PRK");
            assertThat(state.score()).isLessThan(Math.tanh(1.0) + EPS).isGreaterThan(0.7);
            assertThat(state.channels().tone()).isCloseTo(10.0, within(EPS));
            assertThat(state.channels().cooperationShare()).isCloseTo(1.0, within(EPS));
            assertThat(state.channels().materialShare()).isCloseTo(1.0, within(EPS));
        }
    }

    @Test
    void shouldLetACuratedEventMoveADyadThatNewsAlreadyCovers() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given heavy, mildly cooperative coverage
            Instant start = Instant.parse("2019-01-01T00:00:00Z");
            for (int i = 0; i < 200; i++) {
                driver.event(Events.coded("c" + i, start.plusSeconds(600L * i).toString(), "PRK", "USA", "040", 3.0));
            }
            double before = driver.lastDyad("PRK-USA").score();
            // When the two leaders meet
            driver.event(Events.summit("s1", "2019-02-27", "HEAD_OF_STATE", "PRK", "USA"));
            // Then the summit moves the dyad by what it would move a quiet dyad at that level
            DyadState after = driver.lastDyad("PRK-USA");
            assertThat(before).isCloseTo(Math.tanh(0.3), within(0.01));
            assertThat(after.delta()).isGreaterThan(0.4);
            assertThat(after.channels().curated()).isCloseTo(7.0, within(EPS));
        }
    }

    @Test
    void shouldReadAUnanimousDraftAsNothingAboutAPair() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given a draft every member votes for, with no subject
            driver.event(Events.vote("u1", "2024-01-10", null, null, "ADOPTED",
                    new TreeMap<>(Map.of("CHN", "YES", "FRA", "YES", "GBR", "YES", "RUS", "YES", "USA", "YES"))));
            // Then every pair has voted together once and its score has not moved
            DyadState pair = driver.lastDyad("RUS-USA");
            assertThat(pair.voting().together()).isEqualTo(1);
            assertThat(pair.score()).isCloseTo(0, within(EPS));
            assertThat(pair.channels().agreementExcess()).isNull();
        }
    }

    @Test
    void shouldReadAgreementInTheMinorityAsCloserThanAgreementWithTheMajority() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given contested drafts: three members for, two abstaining together
            for (int i = 0; i < 4; i++) {
                driver.event(Events.vote("u" + i, "2024-01-1" + i, null, null, "ADOPTED",
                        new TreeMap<>(Map.of("CHN", "ABSTAIN", "RUS", "ABSTAIN", "FRA", "YES", "GBR", "YES", "USA", "YES"))));
            }
            // Then the abstaining pair reads closer than the majority pair, and the split pairs apart
            double chnRus = driver.lastDyad("CHN-RUS").score();
            double gbrUsa = driver.lastDyad("GBR-USA").score();
            double rusUsa = driver.lastDyad("RUS-USA").score();
            assertThat(chnRus).isGreaterThan(gbrUsa);
            assertThat(gbrUsa).isGreaterThan(0);
            assertThat(rusUsa).isLessThan(0);
            // (expected agreement: CHN-RUS (2/5 + 2/5)/2 = 0.4, GBR-USA 0.6, RUS-USA (2/5 + 3/5)/2 = 0.5)
            assertThat(driver.lastDyad("CHN-RUS").channels().agreementExcess()).isCloseTo(0.6, within(EPS));
            assertThat(driver.lastDyad("GBR-USA").channels().agreementExcess()).isCloseTo(0.4, within(EPS));
            assertThat(driver.lastDyad("RUS-USA").channels().agreementExcess()).isCloseTo(-0.5, within(EPS));
        }
    }

    @Test
    void shouldApplyEveryChannelOutOfOrderExactlyAsInOrder() {
        // Given a mix of curated, coded and vote events within the grace period, in order and shuffled
        List<String> events = new ArrayList<>();
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        Map<String, String> contested = new TreeMap<>(Map.of("CHN", "ABSTAIN", "RUS", "VETO", "USA", "YES", "GBR", "YES"));
        for (int i = 0; i < 24; i++) {
            String at = start.plusSeconds(3600L * 7 * i).toString();
            events.add(switch (i % 4) {
                case 0 -> Events.coded("c" + i, at, "CHN", "RUS", "057", null);
                case 1 -> Events.coded("c" + i, at, "CHN", "RUS", "112", null);
                case 2 -> Events.vote("u" + i, at, "PRK", "AGAINST_SUBJECT", "VETOED", contested);
                default -> Events.summit("s" + i, at, "HEAD_OF_GOVERNMENT", "CHN", "RUS");
            });
        }
        // (each block of four reversed: at most three later events precede one, within the exact bound)
        List<String> shuffled = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 4) {
            List<String> block = new ArrayList<>(events.subList(i, i + 4));
            Collections.reverse(block);
            shuffled.addAll(block);
        }
        try (AnalyzerDriver inOrder = new AnalyzerDriver(); AnalyzerDriver late = new AnalyzerDriver()) {
            events.forEach(inOrder::event);
            shuffled.forEach(late::event);
            // Then the final states agree to 1e-9 on every channel and the score
            for (String dyad : List.of("CHN-RUS", "CHN-PRK", "PRK-RUS", "RUS-USA")) {
                DyadState a = inOrder.lastDyad(dyad);
                DyadState b = late.lastDyad(dyad);
                assertThat(b.score()).as(dyad).isCloseTo(a.score(), within(EPS));
                assertThat(b.channels().toneSum()).as(dyad).isCloseTo(a.channels().toneSum(), within(EPS));
                assertThat(b.channels().voteSurprise()).as(dyad).isCloseTo(a.channels().voteSurprise(), within(EPS));
                assertThat(b.channels().curated()).as(dyad).isCloseTo(a.channels().curated(), within(EPS));
            }
            // And the history is the same path in event time
            var pathA = inOrder.history("CHN-RUS");
            var pathB = late.history("CHN-RUS");
            assertThat(pathB).hasSameSizeAs(pathA);
            for (int i = 0; i < pathA.size(); i++) {
                assertThat(pathB.get(i).score()).isCloseTo(pathA.get(i).score(), within(EPS));
            }
        }
    }
}
