package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.context.ContextCut;
import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.alerter.context.TriadUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reading whose triad timeline has already dropped states it would use is detected (and counted by the evaluator). */
class ContextTruncationTest {
    private static final int KEPT = 4;

    private static DyadContext withDays(int days) {
        DyadContext context = DyadContext.empty();
        for (int day = 0; day < days; day++) {
            String date = LocalDate.of(2026, 1, 1).plusDays(day).toString();
            context = context.apply(new TriadUpdate("CHN-PRK-RUS", States.triad("CHN-PRK-RUS", date, "CHN-RUS", "e" + day, "CHN", true, Map.of(
                    "CHN-PRK", new double[]{0.5, 0}, "CHN-RUS", new double[]{0.01 * day, 0.01}, "PRK-RUS", new double[]{0.2, 0}))),
                    Duration.ofDays(730), KEPT);
        }
        return context;
    }

    @Test
    void shouldSayAReadingIsTruncatedWhenLaterStatesPushedOutTheStatesUpToItsCut() {
        // Given a triad whose states ran far ahead: the timeline is full, and holds only 2 states up to day 1
        DyadContext ahead = withDays(KEPT + DyadContext.READINGS_AHEAD + 10);
        ContextCut early = new ContextCut(Instant.parse("2026-01-12T00:00:00Z"), null);
        ContextCut late = new ContextCut(Instant.parse("2026-02-20T00:00:00Z"), null);

        // Then a reading at an early cut is truncated, one at a late cut is not
        assertThat(ahead.truncatedAt(early, KEPT)).containsExactly("CHN-PRK-RUS");
        assertThat(ahead.truncatedAt(late, KEPT)).isEmpty();
        // And a timeline that never dropped a state is never truncated
        assertThat(withDays(KEPT + 3).truncatedAt(early, KEPT)).isEmpty();
    }
}
