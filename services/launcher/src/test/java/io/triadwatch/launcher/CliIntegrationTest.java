package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("integration")
class CliIntegrationTest {

    private static int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void shouldCreateThenCheckEveryTopic() {
        String servers = KafkaTestBroker.bootstrapServers();

        assertThat(run("topics", "create", "--bootstrap-servers", servers)).isZero();
        assertThat(run("topics", "check", "--bootstrap-servers", servers)).isZero();
    }

    @Test
    void shouldPublishAFileAndExitNonZeroWhenALineIsRejected(@TempDir Path dir) throws Exception {
        // Given the topics and a file with one good and one bad event
        String servers = KafkaTestBroker.bootstrapServers();
        run("topics", "create", "--bootstrap-servers", servers);
        String id = "cli-" + UUID.randomUUID();
        Path file = dir.resolve("mixed.jsonl");
        Files.write(file, List.of(
                "{\"id\":\"" + id + "\",\"kind\":\"TREATY\",\"occurredAt\":\"2024-06-19\",\"source\":{\"name\":\"t\"},\"parties\":[\"PRK\",\"RUS\"],\"treatyType\":\"MUTUAL_DEFENSE\"}",
                "{\"id\":\"" + id + "-bad\",\"kind\":\"TREATY\"}"), StandardCharsets.UTF_8);

        // When it is produced
        int exit = run("produce", "--format", "jsonl", "--bootstrap-servers", servers, file.toString());

        // Then the exit code says "some rejected", and the good event is on the topic
        assertThat(exit).isEqualTo(io.triadwatch.launcher.cli.ProduceCommand.SOME_REJECTED);
        assertThat(TestConsumers.readCommittedUntil(servers, Topics.EVENTS.name(),
                records -> records.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30))).isNotEmpty();
    }

    @Test
    void shouldRefuseAnUnreadableFile() {
        assertThat(run("produce", "--bootstrap-servers", KafkaTestBroker.bootstrapServers(), "/no/such/file.jsonl")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAGracePeriodThatIsNotAnIsoDuration() {
        // When the analyzer's grace period is not ISO-8601
        int exit = run("run", "--role", "analyzer", "--grace", "30 days", "--bootstrap-servers", KafkaTestBroker.bootstrapServers());
        // Then picocli refuses the command line before anything starts
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void shouldRefuseAHistoryBoundBelowOnePointBeforeConnecting() {
        // When the analyzer is asked to keep no history points, against a broker that is not there
        int exit = run("run", "--role", "analyzer", "--history-points", "0", "--bootstrap-servers", "127.0.0.1:1");
        // Then the command is refused as a usage error at once (a connection attempt would fail with 1, later)
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
