package io.triadwatch.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    @Test
    void shouldGiveRunStandbysStaticMembershipAndASessionTimeout() {
        // When the failover settings of an instance named analyzer-0 are built
        Map<String, Object> streams = AppConfig.failover(1, "analyzer-0", Duration.ofSeconds(30));

        // Then they are the Streams properties that carry them
        assertThat(streams).containsEntry("num.standby.replicas", "1").containsEntry("group.instance.id", "analyzer-0")
                .containsEntry("session.timeout.ms", "30000");
        assertThat(AppConfig.failover(0, null, Duration.ofSeconds(45))).doesNotContainKey("group.instance.id");
    }

    @Test
    void shouldRefuseANegativeStandbyCountOrANameKafkaCannotCarry() {
        assertThatThrownBy(() -> AppConfig.failover(-1, "a", Duration.ofSeconds(30))).hasMessageContaining("standby");
        assertThatThrownBy(() -> AppConfig.failover(1, "pod 0", Duration.ofSeconds(30))).hasMessageContaining("instance name");
    }

    @Test
    void shouldKeepStreamsSettingsApartFromTheSharedClientProperties() {
        // Given a config with failover settings
        AppConfig config = new AppConfig(EnumSet.of(Role.ANALYZER), Map.of("bootstrap.servers", "k:9092"), "127.0.0.1", 0, "t",
                Path.of("state"), null, null, null, null, null, AppConfig.failover(1, "a", Duration.ofSeconds(30)));

        // Then they are not among the properties every client gets (a consumer with group.instance.id would join as a static member)
        assertThat(config.kafka()).doesNotContainKey("group.instance.id");
        assertThat(config.streams()).containsEntry("group.instance.id", "a");
        assertThat(new AppConfig(EnumSet.of(Role.API), Map.of(), "h", 0, "t", Path.of("s"), null, null, null).streams()).isEmpty();
    }

    @Test
    void shouldGiveTheAnalyzerItsGraceAndHistoryBoundOverItsDefaults() {
        // Given a config with a one-day grace period
        AppConfig config = new AppConfig(EnumSet.of(Role.ANALYZER), Map.of(), "h", 0, "t", Path.of("s"), null, null, null, null,
                Duration.ofDays(1));

        // Then the analyzer keeps its default history unless told otherwise, and the grace period either way
        assertThat(config.analyzer().historyPointsKept()).isEqualTo(AppConfig.DEFAULT_HISTORY_POINTS).isEqualTo(1000);
        assertThat(config.withHistoryPoints(50).analyzer().historyPointsKept()).isEqualTo(50);
        assertThat(config.withHistoryPoints(50).analyzer().grace()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> config.withHistoryPoints(0)).hasMessageContaining("history points");
    }
}
