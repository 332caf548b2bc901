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

/**
 * A dyad's context keeps what its next readings use however far a triad's states run ahead of the
 * dyad's own, and a reading whose timeline has dropped states it would use is detected (and counted by
 * the evaluator).
 */
class ContextTruncationTest {
    private static final int KEPT = 4;
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    /** The triad's states of {@code days} consecutive days, applied while the dyad's progress is {@code progress}. */
    private static DyadContext withDays(int days, Instant progress) {
        DyadContext context = DyadContext.empty();
        for (int day = 0; day < days; day++) {
            String date = START.plusDays(day).toString();
            context = context.apply(new TriadUpdate("CHN-PRK-RUS", States.triad("CHN-PRK-RUS", date, "CHN-RUS", "e" + day, "CHN", true, Map.of(
                    "CHN-PRK", new double[]{0.5, 0}, "CHN-RUS", new double[]{0.01 * day, 0.01}, "PRK-RUS", new double[]{0.2, 0}))),
                    Duration.ofDays(730), KEPT, progress);
        }
        return context;
    }

    private static Instant day(int day) {
        return START.plusDays(day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private static int size(DyadContext context) {
        return context.triads().get("CHN-PRK-RUS").snapshots().size();
    }

    @Test
    void shouldKeepEveryStateAfterTheDyadsProgressHoweverManyArrivedFirst() {
        // Given a dyad evaluated up to day 1 while 200 states of its triad arrived
        DyadContext ahead = withDays(200, day(1));

        // Then every state after day 1 is kept, with KEPT up to it, and a reading at day 2 finds all it uses
        assertThat(size(ahead)).isEqualTo(198 + 2);
        ContextCut next = new ContextCut(day(2), null);
        assertThat(ahead.truncatedAt(next, KEPT)).isEmpty();
        assertThat(ahead.triads().get("CHN-PRK-RUS").upTo(next, KEPT).snapshots()).hasSize(3);
    }

    @Test
    void shouldDropStatesUpToTheProgressBeyondTheBoundAndSayALateReadingIsTruncated() {
        // Given a dyad evaluated up to day 100 and its triad's states of days 0..119
        DyadContext context = withDays(120, day(100));

        // Then KEPT states up to day 100 are kept, and every later one
        assertThat(size(context)).isEqualTo(KEPT + 19);
        // And a reading at day 100 or later is whole, a late one at day 10 is truncated
        assertThat(context.truncatedAt(new ContextCut(day(100), null), KEPT)).isEmpty();
        assertThat(context.truncatedAt(new ContextCut(day(110), null), KEPT)).isEmpty();
        assertThat(context.truncatedAt(new ContextCut(day(10), null), KEPT)).containsExactly("CHN-PRK-RUS");
        // And a timeline that never dropped a state is never truncated
        assertThat(withDays(KEPT + 3, null).truncatedAt(new ContextCut(day(1), null), KEPT)).isEmpty();
    }

    @Test
    void shouldCapTheStatesAheadOfADyadNeverEvaluated() {
        // Given a dyad not evaluated yet while more than the cap of its triad's states arrived
        DyadContext context = withDays(KEPT + DyadContext.PENDING_CAP + 5, null);

        // Then the timeline is cut at the cap, and a reading of the first days is truncated
        assertThat(size(context)).isEqualTo(KEPT + DyadContext.PENDING_CAP);
        assertThat(context.truncatedAt(new ContextCut(day(3), null), KEPT)).containsExactly("CHN-PRK-RUS");
    }
}
