package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.analyzer.intake.DedupeWindow;
import io.triadwatch.topics.DeadLetters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The bounded event-id dedupe store: ids are purged once the partition's watermark passes their
 * event time plus the grace period (30 days by default), and no outcome changes — a duplicate inside
 * the grace period is still dropped, an older one goes to the DLQ as {@code LATE}.
 */
class DedupeWindowTest {
    /** Coded impulses not combined: the driver then moves the wall clock only where a test sweeps. */
    private static AnalyzerDriver driver() {
        return new AnalyzerDriver(AnalyzerConfig.defaults().withCombining(AnalyzerConfig.Combining.off()));
    }


    @Test
    void shouldPurgeAnIdOnceTheWatermarkPassesItsEventTimePlusTheGracePeriod() {
        try (AnalyzerDriver driver = driver()) {
            // Given an event of 2024-01-01, then events every 10 days up to 2024-02-10 (watermark 40 days on)
            driver.event(Events.coded("old", "2024-01-01", "CHN", "RUS", "010", 1.0));
            for (int day = 11; day <= 41; day += 10) {
                driver.event(Events.coded("d" + day, LocalDate.parse("2024-01-01").plusDays(day - 1).toString(), "CHN", "RUS", "010", 1.0));
            }
            assertThat(ids(driver)).contains("old");

            // When the intake sweeps
            sweep(driver);

            // Then the 2024-01-01 id (more than 30 days behind 2024-02-10) is gone and the recent ones are kept
            assertThat(ids(driver)).containsExactlyInAnyOrder("d11", "d21", "d31", "d41");
            // And the gauge counts what is left
            assertThat(driver.registry.get("triadwatch.analyzer.dedupe.entries").gauge().value()).isPositive();
        }
    }

    @Test
    void shouldStillDropADuplicateInsideTheGracePeriodAfterASweep() {
        try (AnalyzerDriver driver = driver()) {
            // Given an event of 2024-01-01 and one of 2024-01-25 (the watermark), swept
            driver.event(Events.coded("first", "2024-01-01", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("second", "2024-01-25", "CHN", "RUS", "010", 1.0));
            sweep(driver);

            // When the first is delivered again
            driver.event(Events.coded("first", "2024-01-01", "CHN", "RUS", "010", 1.0));

            // Then it is dropped as a duplicate: processed, not applied, not dead-lettered
            assertThat(driver.counter("triadwatch.analyzer.events.duplicate")).isEqualTo(1.0);
            assertThat(driver.dlq()).isEmpty();
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(2);
            assertThat(ids(driver)).containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void shouldDeadLetterACopyKeyedOtherwiseThanByItsIdInsteadOfApplyingItTwice() {
        try (AnalyzerDriver driver = driver()) {
            // Given an event applied under its own id
            String event = Events.coded("e1", "2024-01-01", "CHN", "RUS", "010", 1.0);
            driver.event(event);

            // When copies of it arrive under another key and under none (which could put them on another partition)
            driver.raw("not-e1", event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            driver.raw(null, event.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            // Then both go to the DLQ as KEY_MISMATCH, naming the id, and the dyad counts the event once
            assertThat(driver.dlq()).hasSize(2).allSatisfy(r -> {
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("KEY_MISMATCH");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("'e1'");
            });
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(1);
            assertThat(driver.counter("triadwatch.analyzer.events.in"))
                    .isEqualTo(driver.counter("triadwatch.analyzer.events.processed") + driver.counter("triadwatch.analyzer.dlq"));
        }
    }

    @Test
    void shouldSendAPurgedDuplicateToTheDlqAsLateAndNeverApplyItTwice() {
        try (AnalyzerDriver driver = driver()) {
            // Given an event of 2024-01-01 whose id was purged after the watermark reached 2024-03-01
            driver.event(Events.coded("old", "2024-01-01", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("feb", "2024-01-30", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("mar", "2024-03-01", "CHN", "RUS", "010", 1.0));
            sweep(driver);
            assertThat(ids(driver)).doesNotContain("old");

            // When it is delivered again
            driver.event(Events.coded("old", "2024-01-01", "CHN", "RUS", "010", 1.0));

            // Then it goes to the DLQ as LATE and the dyad still counts it once
            assertThat(driver.dlq()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("old");
                assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("LATE");
            });
            assertThat(driver.lastDyad("CHN-RUS").eventCount()).isEqualTo(3);
            assertThat(driver.counter("triadwatch.analyzer.events.in"))
                    .isEqualTo(driver.counter("triadwatch.analyzer.events.processed") + driver.counter("triadwatch.analyzer.dlq"));
        }
    }

    @Test
    void shouldVisitAtMostTheBudgetPerSweepAndCoverTheWholeStoreInTurn() {
        try (AnalyzerDriver driver = driver()) {
            // Given 25 ids of 2024-01-01 and a watermark 40 days later, behind a window that visits 10 entries per sweep
            for (int i = 0; i < 25; i++) {
                driver.event(Events.coded(String.format("old-%02d", i), "2024-01-01", "CHN", "RUS", "010", 1.0));
            }
            driver.event(Events.coded("new", "2024-01-31", "CHN", "RUS", "010", 1.0));
            driver.event(Events.coded("newer", "2024-02-10", "CHN", "RUS", "010", 1.0));
            DedupeWindow window = new DedupeWindow(store(driver), driver.config.grace(), 10);
            long watermark = java.time.Instant.parse("2024-02-10T00:00:00Z").toEpochMilli();

            // When it sweeps three times
            List<Integer> purged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                purged.add(window.sweep(watermark));
            }

            // Then each sweep deleted at most 10 and together they deleted every expired id
            assertThat(purged).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
            assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
            assertThat(ids(driver)).containsExactlyInAnyOrder("new", "newer");
        }
    }

    private static void sweep(AnalyzerDriver driver) {
        driver.driver.advanceWallClockTime(DedupeWindow.SWEEP_INTERVAL);
        driver.drain();
    }

    private static KeyValueStore<String, Long> store(AnalyzerDriver driver) {
        return driver.driver.getKeyValueStore(AnalyzerStores.EVENT_DEDUPE);
    }

    private static List<String> ids(AnalyzerDriver driver) {
        List<String> ids = new ArrayList<>();
        try (var it = store(driver).all()) {
            it.forEachRemaining(kv -> ids.add(kv.key));
        }
        return ids;
    }
}
