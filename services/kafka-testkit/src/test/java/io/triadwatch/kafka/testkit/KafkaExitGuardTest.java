package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.kafka.embedded.KafkaExitException;
import io.triadwatch.kafka.embedded.KafkaExitGuard;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;

class KafkaExitGuardTest {

    @Test
    void shouldKeepJvmAliveWhenKafkaCallsExitOrHalt() {
        // Given the guard is installed, twice, which must be harmless
        KafkaExitGuard.install();
        KafkaExitGuard.install();
        final int before = KafkaExitGuard.attemptCount();

        // When Kafka code asks to halt and to exit
        // Then each request is turned into an exception instead of terminating this JVM
        assertThatThrownBy(() -> Exit.halt(1, "simulated fatal fault"))
                .isInstanceOfSatisfying(KafkaExitException.class, e -> {
                    assertThat(e.isHalt()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(1);
                    assertThat(e).hasMessageContaining("simulated fatal fault");
                });
        assertThatThrownBy(() -> Exit.exit(3))
                .isInstanceOfSatisfying(KafkaExitException.class, e -> {
                    assertThat(e.isHalt()).isFalse();
                    assertThat(e.statusCode()).isEqualTo(3);
                });

        // And the guard remembers the requests
        assertThat(KafkaExitGuard.isInstalled()).isTrue();
        assertThat(KafkaExitGuard.attemptCount()).isEqualTo(before + 2);
        assertThat(KafkaExitGuard.lastAttempt()).hasValueSatisfying(e -> assertThat(e.statusCode()).isEqualTo(3));
    }
}
