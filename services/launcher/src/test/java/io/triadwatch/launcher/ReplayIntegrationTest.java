package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Backtests through the real CLI: a private embedded broker, the real analyzer and alerter, files out. */
@Tag("integration")
class ReplayIntegrationTest {
    /** Fields stamped with the wall clock or the run's own address: they differ between two runs by design. */
    private static final List<String> WALL_CLOCK_FIELDS = List.of("updatedAt", "emittedAt", "eventAppendedAt", "generatorURL", "url", "link");
    private static final Path SHARED = Path.of(System.getProperty("triadwatch.shared.dir", "../../../shared"));

    private static int replay(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private static List<JsonNode> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> {
                try {
                    return Json.mapper().readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> byKey(Path file, String key) {
        return lines(file).stream().collect(Collectors.toMap(n -> n.get(key).asText(), Function.identity()));
    }

    private static List<String> firingRankDrops(Path out) {
        return lines(out.resolve("alerts.jsonl")).stream()
                .filter(a -> a.get("type").asText().equals("RANK_DROP") && a.get("status").asText().equals("FIRING"))
                .map(a -> a.get("subject").asText() + "@" + a.get("occurredAt").asText().substring(0, 10))
                .toList();
    }

    @Test
    void shouldReproduceTheArticlesReadingOfTheDemoTimeline(@TempDir Path out) {
        // When the demo timeline is replayed
        assertThat(replay("--demo", "--out", out.toString())).isZero();

        // Then every file is written
        assertThat(out.resolve("dyads.jsonl")).exists();
        assertThat(out.resolve("triads.jsonl")).exists();
        assertThat(out.resolve("alerts.jsonl")).exists();
        assertThat(out.resolve("dlq.jsonl")).exists();
        // And PRK-RUS is strongly positive while CHN-RUS and CHN-PRK stay positive: no zero-sum trade
        Map<String, JsonNode> dyads = byKey(out.resolve("dyads.jsonl"), "dyad");
        assertThat(dyads.get("PRK-RUS").get("score").asDouble()).isGreaterThan(0.5);
        assertThat(dyads.get("CHN-RUS").get("score").asDouble()).isPositive();
        assertThat(dyads.get("CHN-PRK").get("score").asDouble()).isPositive();
        // And the China–North Korea–Russia triangle is balanced
        JsonNode triangle = byKey(out.resolve("triads.jsonl"), "triad").get("CHN-PRK-RUS");
        assertThat(triangle.get("balanced").asBoolean()).isTrue();
        assertThat(triangle.get("dyads")).hasSize(3);
        // And both 2023 Chinese delegations are flagged as rank drops against their occasion baselines
        assertThat(firingRankDrops(out)).contains("CHN-PRK@2023-07-27", "CHN-PRK@2023-09-09");
        // And the March 2024 Panel of Experts vote shifted PRK-RUS, citing the vote
        assertThat(lines(out.resolve("alerts.jsonl"))).anySatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("DYAD_SHIFT");
            assertThat(a.get("subject").asText()).isEqualTo("PRK-RUS");
            assertThat(a.get("triggeringEvents").findValuesAsText("eventId")).contains("demo-2024-03-28-unsc-vote-panel-of-experts");
        });
    }

    @Test
    void shouldCombineTheDemoAndFilesOfEveryFormatInOneBacktest(@TempDir Path dir) throws IOException {
        // Given a JSONL file (detected), the real ICEWS sample (detected), the real GDELT sample a gzip-compressed
        // (detected), and the first two UN votes of the real file given as FILE:unsc-votes
        Path out = dir.resolve("out");
        Path jsonl = TestInputs.treatyFile(dir.resolve("extra.txt"), "replay-mixed-treaty");
        Path gdelt = TestInputs.gzip(SHARED.resolve("data/gdelt/events-sample-a.export.CSV"), dir.resolve("export-a.gz"));
        Path votes = dir.resolve("votes-slice.csv");
        try (var rows = Files.lines(SHARED.resolve("data/un/unsc-votes-2016-2026.csv"))) {
            Files.write(votes, rows.limit(31).toList());
        }
        Path icews = SHARED.resolve("data/icews/events-2018-06-sample.tab");

        // When they are replayed together with the demo
        StandardOut said = StandardOut.capture();
        int exit;
        try {
            exit = replay("--demo", "--events", jsonl.toString(), icews.toString(), gdelt.toString(), votes + ":unsc-votes", "--out", out.toString());
        } finally {
            said.restore();
        }

        // Then each file was read in its format and every event was published: 35 demo + 1 + 1741 ICEWS + 8 GDELT + 2 UN
        assertThat(exit).isZero();
        assertThat(said.text()).contains(jsonl + ": jsonl (detected)", icews + ": icews (detected)", gdelt + ": gdelt (detected)",
                votes + ": unsc-votes\n", "published 1787, duplicates 0, rejected 0");
        // And the state holds each source: the JSONL treaty, the demo's reading, an ICEWS-only dyad
        Map<String, JsonNode> dyads = byKey(out.resolve("dyads.jsonl"), "dyad");
        assertThat(dyads.get("ISL-NZL").get("contributions").findValuesAsText("eventId")).contains("replay-mixed-treaty");
        assertThat(dyads.get("PRK-RUS").get("score").asDouble()).isGreaterThan(0.5);
        assertThat(dyads.get("BGD-VNM").get("contributions").findValuesAsText("eventId")).anySatisfy(e -> assertThat(e).startsWith("icews:"));
    }

    @Test
    void shouldLeaveOutEventsAfterUntil(@TempDir Path out) {
        assertThat(replay("--demo", "--until", "2023-08-01", "--out", out.toString())).isZero();

        assertThat(firingRankDrops(out)).contains("CHN-PRK@2023-07-27").doesNotContain("CHN-PRK@2023-09-09");
        assertThat(byKey(out.resolve("dyads.jsonl"), "dyad").get("PRK-RUS").get("asOf").asText()).isLessThan("2023-08-02");
    }

    @Test
    void shouldReadEveryDyadAsOfUntil(@TempDir Path out) {
        // When the demo is replayed up to 25 May 2022
        assertThat(replay("--demo", "--until", "2022-05-25", "--out", out.toString())).isZero();

        // Then every dyad is read as of that day, and CHN-PRK far below its level after the June 2019 visit
        Map<String, JsonNode> dyads = byKey(out.resolve("dyads.jsonl"), "dyad");
        assertThat(dyads.values()).allSatisfy(d -> assertThat(d.get("asOf").asText()).startsWith("2022-05-25"));
        JsonNode chnPrk = dyads.get("CHN-PRK");
        assertThat(chnPrk.get("eventAsOf").asText()).startsWith("2019-06-20");
        assertThat(chnPrk.get("eventScore").asDouble()).isGreaterThan(0.9);
        assertThat(chnPrk.get("score").asDouble()).isLessThan(0.1);
    }

    @Test
    void shouldGiveTheSameAlertsAndStatesForTheSameInputTwice(@TempDir Path dir) {
        // Given the demo and the real ICEWS sample, When they are backtested twice
        String icews = SHARED.resolve("data/icews/events-2018-06-sample.tab") + ":icews";
        assertThat(replay("--demo", "--events", icews, "--out", dir.resolve("a").toString())).isZero();
        assertThat(replay("--demo", "--events", icews, "--out", dir.resolve("b").toString())).isZero();

        // Then both give the same alert records and the same dyad and triad states (wall-clock stamps aside)
        assertThat(withoutWallClock(dir.resolve("b/alerts.jsonl"))).isNotEmpty().isEqualTo(withoutWallClock(dir.resolve("a/alerts.jsonl")));
        assertThat(withoutWallClock(dir.resolve("b/dyads.jsonl"))).isEqualTo(withoutWallClock(dir.resolve("a/dyads.jsonl")));
        assertThat(withoutWallClock(dir.resolve("b/triads.jsonl"))).isEqualTo(withoutWallClock(dir.resolve("a/triads.jsonl")));
    }

    /** The records of {@code file} without the fields that say when a process wrote or read them. */
    private static List<JsonNode> withoutWallClock(Path file) {
        return lines(file).stream().map(n -> {
            JsonNode copy = n.deepCopy();
            for (String field : WALL_CLOCK_FIELDS) {
                copy.findParents(field).forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove(field));
            }
            return copy;
        }).toList();
    }

    @Test
    void shouldLetTheDprkVetoesMoveChinaAndRussiaTowardNorthKorea(@TempDir Path out) {
        // When the real UN Security Council votes 2016-2026 are replayed
        assertThat(replay("--events", SHARED.resolve("data/un/unsc-votes-2016-2026.csv").toString(), "--format", "unsc-votes",
                "--out", out.toString())).isZero();

        // Then the 2022 and 2024 DPRK vetoes are among the contributions of CHN-PRK and PRK-RUS
        Map<String, JsonNode> dyads = byKey(out.resolve("dyads.jsonl"), "dyad");
        for (String dyad : List.of("CHN-PRK", "PRK-RUS")) {
            List<String> events = dyads.get(dyad).get("contributions").findValuesAsText("eventId");
            assertThat(events).as(dyad).contains("unsc:S-2022-431", "unsc:S-2024-255");
        }
        // And Russia's 2024 veto gave PRK-RUS a positive contribution
        JsonNode veto = java.util.stream.StreamSupport.stream(dyads.get("PRK-RUS").get("contributions").spliterator(), false)
                .filter(c -> c.get("eventId").asText().equals("unsc:S-2024-255")).findFirst().orElseThrow();
        assertThat(veto.get("impulse").asDouble()).isPositive();
    }
}
