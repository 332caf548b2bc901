package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.topics.Topics;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("integration")
class InputIntegrationTest {
    private static final Path SHARED = Path.of(System.getProperty("triadwatch.shared.dir", "../../../shared"));
    private static String servers;

    @BeforeAll
    static void topics() {
        servers = KafkaTestBroker.bootstrapServers();
        assertThat(run("topics", "create", "--bootstrap-servers", servers)).isZero();
    }

    private static int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private static long recordsWithKeyPrefix(String prefix) {
        return TestConsumers.readCommittedToEnd(servers, Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::key).filter(k -> k != null && k.startsWith(prefix)).count();
    }

    @Test
    void shouldProduceTheRealUnVotesFileThroughItsAdapter() {
        // When the real UN Security Council votes file is produced (15 malformed rows are skipped, not rejected)
        int exit = run("produce", "--format", "unsc-votes", "--bootstrap-servers", servers,
                SHARED.resolve("data/un/unsc-votes-2016-2026.csv").toString());

        // Then it exits 0 and the March 2024 Panel of Experts vote is on the events topic
        assertThat(exit).isZero();
        assertThat(recordsWithKeyPrefix("unsc:S-2024-255")).isPositive();
    }

    @Test
    void shouldProduceFilesOfEveryFormatInOneRunEachInItsOwnFormat(@TempDir Path dir) throws Exception {
        // Given a canonical JSONL file, a small ICEWS file given as FILE:icews, the real GDELT sample a gzip-compressed
        // (detected) and the first two UN votes of the real file, read by the default --format
        String id = "mixed-" + java.util.UUID.randomUUID();
        Path jsonl = TestInputs.treatyFile(dir.resolve("events.jsonl"), id);
        String icewsId = String.valueOf(900_000_000L + (System.nanoTime() % 1_000_000L));
        Path icews = Files.write(dir.resolve("coded.tab"), List.of(TestInputs.ICEWS_HEADER, TestInputs.icewsRow(icewsId, "2018-06-01", "China", "Russian Federation")));
        Path gdelt = TestInputs.gzip(SHARED.resolve("data/gdelt/events-sample-a.export.CSV"), dir.resolve("export-a"));
        Path votes = dir.resolve("votes-slice.csv");
        try (var lines = Files.lines(SHARED.resolve("data/un/unsc-votes-2016-2026.csv"))) {
            Files.write(votes, lines.limit(31).toList());
        }
        long gdeltBefore = recordsWithKeyPrefix("gdelt:");

        // When they are produced in one run
        int exit = run("produce", "--bootstrap-servers", servers, "--format", "unsc-votes",
                jsonl + ":jsonl", icews + ":icews", gdelt + ":gdelt", votes.toString());

        // Then every file's events are on the topic
        assertThat(exit).isZero();
        assertThat(recordsWithKeyPrefix(id)).isEqualTo(1);
        assertThat(recordsWithKeyPrefix("icews:" + icewsId)).isEqualTo(1);
        assertThat(recordsWithKeyPrefix("unsc:S-2016-67")).isPositive();
        assertThat(recordsWithKeyPrefix("gdelt:") - gdeltBefore).isEqualTo(8);
    }

    @Test
    void shouldDetectTheFormatOfEachFileGivenWithoutOne(@TempDir Path dir) throws Exception {
        // Given an ICEWS file and a JSONL file, neither named for its format
        String id = "detected-" + java.util.UUID.randomUUID();
        Path jsonl = TestInputs.treatyFile(dir.resolve("one.txt"), id);
        String icewsId = String.valueOf(800_000_000L + (System.nanoTime() % 1_000_000L));
        Path icews = Files.write(dir.resolve("two.txt"), List.of(TestInputs.ICEWS_HEADER, TestInputs.icewsRow(icewsId, "2018-06-01", "Japan", "Viet Nam")));

        // When they are produced without any format
        int exit = run("produce", "--bootstrap-servers", servers, jsonl.toString(), icews.toString());

        // Then each was read in its own format
        assertThat(exit).isZero();
        assertThat(recordsWithKeyPrefix(id)).isEqualTo(1);
        assertThat(recordsWithKeyPrefix("icews:" + icewsId)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAFileWhoseFormatCannotBeDetectedBeforePublishingAnything(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("other.csv"), "name,value\na,1\n");

        assertThat(run("produce", "--bootstrap-servers", servers, other.toString())).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        assertThat(run("produce", "--format", "csv", "--bootstrap-servers", servers,
                SHARED.resolve("data/un/unsc-votes-2016-2026.csv").toString())).isEqualTo(1);
    }

    @Test
    void shouldFollowGdeltAndNotRepeatABatchAfterARestart(@TempDir Path dir) throws Exception {
        // Given a loopback server whose index lists one 15-minute export (the real sample a, zipped)
        byte[] zip = zip(SHARED.resolve("data/gdelt/events-sample-a.export.CSV"), "20150218230000.export.CSV");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String index = zip.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(zip)) + " "
                + base + "/20150218230000.export.CSV.zip\n";
        server.createContext("/lastupdate.txt", ex -> respond(ex, index.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/20150218230000.export.CSV.zip", ex -> respond(ex, zip));
        server.start();
        try {
            long before = recordsWithKeyPrefix("gdelt:");

            // When the follower polls once, and then a restarted follower polls again
            assertThat(run("follow-gdelt", "--once", "--url", base + "/lastupdate.txt", "--bootstrap-servers", servers)).isZero();
            long afterFirst = recordsWithKeyPrefix("gdelt:");
            assertThat(run("follow-gdelt", "--once", "--url", base + "/lastupdate.txt", "--bootstrap-servers", servers)).isZero();

            // Then the first poll published the sample's 8 events and the second published nothing again
            assertThat(afterFirst - before).isEqualTo(8);
            assertThat(recordsWithKeyPrefix("gdelt:")).isEqualTo(afterFirst);
        } finally {
            server.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws java.io.IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] zip(Path file, String entry) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(Files.readAllBytes(file));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
