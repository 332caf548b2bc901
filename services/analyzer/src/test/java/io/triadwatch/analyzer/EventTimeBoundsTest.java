package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.topics.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Event time at the intake, for records written straight onto the events topic: the window
 * (1900-01-01 to the record's append time + 1 day) and the watermark that one record cannot move by
 * more than the grace period. The driver appends records from 2025-06-01, one second apart.
 */
class EventTimeBoundsTest {

    @Test
    void shouldDeadLetterAFarFutureEventAsOutOfRangeAndStillApplyTheValidEventsAfterIt() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given an event dated 9999-12-31, written straight onto the topic
            String farFuture = Events.summit("far", "9999-12-31", "HEAD_OF_STATE", "CHN", "RUS");
            driver.event(farFuture);

            // When 60 valid events of 2025-05-20 follow it
            for (int i = 0; i < 60; i++) {
                driver.event(Events.coded("ok-" + i, "2025-05-20", "CHN", "RUS", "010", 1.0));
            }

            // Then only the far-future one is in the DLQ, with its own reason naming occurredAt
            assertThat(driver.dlq()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("far");
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(farFuture);
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("OUT_OF_RANGE");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("occurredAt").contains("9999-12-31");
            });
            // And every valid event moved the dyad
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(60);
            // And the counts add up: in = processed + dead-lettered
            assertThat(driver.counter("triadwatch.analyzer.events.in")).isEqualTo(61.0);
            assertThat(driver.counter("triadwatch.analyzer.events.processed")).isEqualTo(60.0);
            assertThat(driver.counter("triadwatch.analyzer.dlq", "reason", "OUT_OF_RANGE")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldDeadLetterEventsBeforeTheEarliestDateAsOutOfRangeButAcceptTheDemosOldestYear() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given events of year 0001 and of 1899, and one of 1961 (the demo's oldest)
            driver.event(Events.summit("year-1", "0001-01-01", "HEAD_OF_STATE", "CHN", "PRK"));
            driver.event(Events.summit("y1899", "1899-12-31", "HEAD_OF_STATE", "CHN", "PRK"));
            driver.event(Events.treaty("y1961", "1961-07-11", "MUTUAL_DEFENSE", "CHN", "PRK"));

            // Then the first two are OUT_OF_RANGE and the 1961 treaty is applied
            assertThat(driver.dlq()).extracting(r -> r.key()).containsExactly("year-1", "y1899");
            assertThat(driver.dlq()).allSatisfy(r -> assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("OUT_OF_RANGE"));
            assertThat(driver.lastDyad("CHN-PRK").lastEventId()).isEqualTo("y1961");
        }
    }

    @Test
    void shouldJudgeTheFutureBoundAgainstTheRecordsAppendTimeNotTheWallClock() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given records appended on 2025-06-01 (the wall clock is later)
            // When one is dated within a day of its append time and one two days after it
            driver.event(Events.summit("within", "2025-06-02", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.summit("beyond", "2025-06-03", "HEAD_OF_STATE", "CHN", "RUS"));

            // Then the first is applied and the second is OUT_OF_RANGE, whenever the replay runs
            assertThat(driver.lastDyad("CHN-RUS").lastEventId()).isEqualTo("within");
            assertThat(driver.dlq()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("beyond");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("OUT_OF_RANGE");
            });
        }
    }

    @Test
    void shouldMoveThePartitionsWatermarkByAtMostTheGracePeriodPerRecord() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given an event of 2024-01-01, then one valid event 17 months later (a stray current event)
            driver.event(Events.summit("old", "2024-01-01", "HEAD_OF_STATE", "CHN", "RUS"));
            driver.event(Events.summit("stray", "2025-05-30", "HEAD_OF_STATE", "CHN", "RUS"));

            // When the backfill goes on with an event two months after the first
            driver.event(Events.summit("backfill", "2024-03-01", "HEAD_OF_STATE", "CHN", "RUS"));

            // Then it is applied, not LATE: the stray event moved the watermark by 30 days only
            assertThat(driver.dlq()).isEmpty();
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(3);
        }
    }

    @Test
    void shouldStillSendAnEventBeyondGraceOfAWatermarkReachedStepByStepToTheDlqAsLate() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            // Given events every 20 days from 2024-01-01 to 2024-12-26: the watermark follows them
            LocalDate day = LocalDate.parse("2024-01-01");
            for (int i = 0; day.isBefore(LocalDate.parse("2024-12-27")); i++, day = day.plusDays(20)) {
                driver.event(Events.coded("step-" + i, day.toString(), "CHN", "RUS", "010", 1.0));
            }

            // When an event 61 days behind the last arrives
            driver.event(Events.coded("late", "2024-10-26", "CHN", "RUS", "010", 1.0));

            // Then it is LATE
            assertThat(driver.dlq()).singleElement().satisfies(r ->
                    assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("LATE"));
        }
    }
}
