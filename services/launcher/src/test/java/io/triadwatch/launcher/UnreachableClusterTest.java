package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that needs a cluster checks it first: against a closed port it fails with one
 * line naming the address and the reason, and exit code 1, instead of hanging.
 */
class UnreachableClusterTest {

    /** What a command printed to standard error, and its exit code. */
    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Outcome(exit, err.toString());
    }

    @Test
    void shouldFailEveryClusterCommandAtOnceWithOneLineNamingTheAddress(@TempDir Path dir) throws Exception {
        // Given a closed port and a valid input file
        String address = "127.0.0.1:" + Ports.closed();
        Path file = Files.writeString(dir.resolve("f.jsonl"), "{\"id\":\"x\",\"kind\":\"TREATY\",\"occurredAt\":\"2024-06-19\","
                + "\"source\":{\"name\":\"t\"},\"parties\":[\"PRK\",\"RUS\"],\"treatyType\":\"MUTUAL_DEFENSE\"}\n");

        // When each command that needs the cluster is pointed at it
        List<Outcome> outcomes = List.of(
                run("produce", "--bootstrap-servers", address, file.toString()),
                run("topics", "create", "--bootstrap-servers", address),
                run("topics", "check", "--bootstrap-servers", address),
                run("follow-gdelt", "--once", "--url", "http://127.0.0.1:1/lastupdate.txt", "--bootstrap-servers", address));

        // Then each exits 1 with one line saying the address cannot be reached and why
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.err().strip()).doesNotContain("\n")
                    .startsWith("error: cannot reach Kafka at " + address).containsIgnoringCase("connection refused");
        });
    }
}
