package io.triadwatch.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the end-to-end driver compiling and running: a tiny run on its own embedded broker. It
 * asserts that the run completes and writes its page, never how fast anything was.
 */
@Tag("integration")
class LoadDriverSmokeTest {

    @Test
    void shouldRunEveryPhaseAndWriteThePage(@TempDir Path dir) throws Exception {
        // Given a tiny run: 2,000 events, a 2-second latency run, no JFR, no demo
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "old\n" + Report.ANALYSIS_START + "\nkept analysis\n" + Report.ANALYSIS_END + "\n");

        // When the driver runs
        int exit = LoadDriver.run("--events", "2000", "--latency-seconds", "2", "--rate", "200", "--drain-seconds", "5",
                "--timeout-seconds", "15", "--no-profile", "--out", page.toString(), "--work-dir", dir.resolve("work").toString());

        // Then it succeeds and the page holds every section, with the hand-written analysis kept
        assertThat(exit).isZero();
        String md = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(md).contains("## Headline", "## Throughput", "raw consumer", "minimal Streams app", "Triadwatch analyzer + alerter",
                "## Latency at a fixed offered rate", "## Machine", "## CPU by thread group", "kept analysis");
        assertThat(md).doesNotContain("old\n");
    }
}
