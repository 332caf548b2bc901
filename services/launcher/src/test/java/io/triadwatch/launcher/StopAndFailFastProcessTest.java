package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code triadwatch run} as an operator starts it: against an unreachable cluster it fails fast
 * with one line and a non-zero exit, and SIGTERM stops it even while it is still starting.
 * Separate processes (the token comes from the environment, signals go to a process).
 */
@Tag("integration")
class StopAndFailFastProcessTest {
    private static final Map<String, String> TOKEN = Map.of("TRIADWATCH_API_TOKEN", "process-test-token");

    @Test
    void shouldExitNonZeroWithOneLineWhenTheClusterRefusesConnections(@TempDir Path dir) throws Exception {
        // Given a closed port
        String address = "127.0.0.1:" + Ports.closed();

        // When every role is started against it
        try (CliProcess run = CliProcess.start(dir, TOKEN, "run", "--role", "all", "--port", "0", "--state-dir", dir.resolve("state").toString(),
                "--bootstrap-servers", address)) {
            int exit = run.awaitExit();

            // Then it exits 1, saying which address cannot be reached and why
            assertThat(exit).isEqualTo(1);
            assertThat(run.err()).contains("error: cannot reach Kafka at " + address).containsIgnoringCase("connection refused");
            assertThat(run.out()).doesNotContain("running against");
        }
    }

    @Test
    void shouldStopOnSigtermWhileStillWaitingForTheCluster(@TempDir Path dir) throws Exception {
        // Given a listener that accepts connections and never answers, and a start-up check allowed to wait ten minutes
        try (Ports.Silent silent = Ports.silent();
             CliProcess run = CliProcess.start(dir, TOKEN, "run", "--role", "all", "--port", "0", "--state-dir", dir.resolve("state").toString(),
                     "--kafka-timeout", "PT10M", "--bootstrap-servers", "127.0.0.1:" + silent.port())) {
            // When SIGTERM arrives once the process is waiting on the cluster
            await("the process to connect").atMost(Duration.ofMinutes(2)).until(() -> silent.connections() >= 2);
            run.terminate();

            // Then it stops (without waiting out its timeout) as a clean stop
            int exit = run.awaitExit();
            assertThat(run.err()).contains("stopped before start-up finished");
            assertThat(exit).isZero();
        }
    }
}
