package io.triadwatch.adapters.gdelt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GdeltDeduplicatorTest {
    private static final Instant T0 = Instant.parse("2024-03-28T10:00:00Z");

    private static GdeltDeduplicator.Key key(String code) {
        return new GdeltDeduplicator.Key("20240328", "CHN", "PRK", code, "1|North Korea|KN");
    }

    @Test
    void shouldForgetKeysOlderThanTheWindowAsNewerRowsArrive() {
        // Given
        GdeltDeduplicator dedupe = new GdeltDeduplicator(Duration.ofHours(1), 100);
        dedupe.check(key("036"), "gdelt:1", 1, T0);
        dedupe.check(key("040"), "gdelt:2", 2, T0.plusSeconds(60));

        // When a row added two hours later arrives
        dedupe.check(key("042"), "gdelt:3", 3, T0.plusSeconds(7200));

        // Then only it is remembered
        assertThat(dedupe.size()).isEqualTo(1);
        assertThat(dedupe.check(key("036"), "gdelt:4", 4, T0.plusSeconds(7200))).isEmpty();
    }

    @Test
    void shouldKeepAtMostCapacityKeys() {
        // Given
        GdeltDeduplicator dedupe = new GdeltDeduplicator(Duration.ofDays(365), 3);

        // When
        for (int i = 0; i < 10; i++) {
            dedupe.check(key(String.format("%03d", i)), "gdelt:" + i, i, T0);
        }

        // Then the oldest were dropped, the newest are still recognised
        assertThat(dedupe.size()).isEqualTo(3);
        assertThat(dedupe.check(key("009"), "gdelt:99", 99, T0)).hasValueSatisfying(s -> assertThat(s.eventId()).isEqualTo("gdelt:9"));
        assertThat(dedupe.check(key("000"), "gdelt:98", 98, T0)).isEmpty();
    }

    @Test
    void shouldTreatDirectionAsPartOfTheKey() {
        // Given
        GdeltDeduplicator dedupe = new GdeltDeduplicator(Duration.ofHours(24), 100);
        dedupe.check(new GdeltDeduplicator.Key("20240328", "CHN", "PRK", "036", ""), "gdelt:1", 1, T0);

        // When / Then
        assertThat(dedupe.check(new GdeltDeduplicator.Key("20240328", "PRK", "CHN", "036", ""), "gdelt:2", 2, T0)).isEmpty();
    }
}
