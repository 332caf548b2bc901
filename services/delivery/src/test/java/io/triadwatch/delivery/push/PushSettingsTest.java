package io.triadwatch.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushSettingsTest {
    @Test
    void shouldDoubleTheBackoffUpToItsCap() {
        // Given
        PushSettings settings = PushSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        // Then
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(1_000)).isEqualTo(Duration.ofSeconds(1));
    }
}
