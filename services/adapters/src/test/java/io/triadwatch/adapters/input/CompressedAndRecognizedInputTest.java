package io.triadwatch.adapters.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.Adapters;
import io.triadwatch.adapters.Drained;
import io.triadwatch.adapters.SharedData;
import io.triadwatch.adapters.icews.IcewsAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip inputs are read like ZIP ones, and each adapter recognizes its own format from one line and no other's. */
class CompressedAndRecognizedInputTest {
    private static final Map<String, String> REAL_FILES = Map.of(
            "gdelt/events-sample-a.export.CSV", "gdelt",
            "gdelt/events-sample-b.export.CSV", "gdelt",
            "icews/events-2018-06-sample.tab", "icews",
            "un/unsc-votes-2016-2026.csv", "unsc-votes",
            "un/unsc-vetoes-1946-2022.csv", "unsc-vetoes");

    private static Path gzip(Path file, Path dir) throws IOException {
        Path gz = dir.resolve(file.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        return gz;
    }

    @Test
    void shouldReadAGzipFileAsTheFileItHolds(@TempDir Path dir) throws IOException {
        // Given the first 50 rows of the real ICEWS sample, plain and gzip-compressed under a name that does not say so
        Path plain = dir.resolve("icews.tab");
        try (var lines = Files.lines(SharedData.file("icews/events-2018-06-sample.tab"))) {
            Files.write(plain, lines.limit(51).toList());
        }
        Path compressed = Files.move(gzip(plain, dir), dir.resolve("icews-compressed.tab"));

        // When both are read by the ICEWS adapter
        Drained fromPlain = Drained.of(new IcewsAdapter(), plain);
        Drained fromGzip = Drained.of(new IcewsAdapter(), compressed);

        // Then they give the same events and counts
        assertThat(fromGzip.events()).isEqualTo(fromPlain.events());
        assertThat(fromGzip.summary().read()).isEqualTo(50);
        assertThat(fromGzip.summary().skipped()).isEqualTo(fromPlain.summary().skipped());
    }

    @Test
    void shouldReadTheRealSixMonthIcewsGzipLazily() throws IOException {
        // Given the real six-month ICEWS file (325,691 rows, gzip)
        Path file = SharedData.file("icews/events-2018-10-to-2019-03.tsv.gz");

        // When its first line is looked at and its first thousand items are read
        String header = Inputs.firstLine(file).orElseThrow();
        List<AdapterItem> first;
        try (AdapterRun run = new IcewsAdapter().open(file)) {
            first = run.stream().limit(1_000).toList();
        }

        // Then it is the ICEWS header, and the rows convert into events of autumn 2018 (the first daily file also reports late-September events)
        assertThat(new IcewsAdapter().recognizes(header)).isTrue();
        assertThat(first).hasSize(1_000);
        assertThat(first).filteredOn(AdapterItem.Produced.class::isInstance)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(((AdapterItem.Produced) item).event().occurredAt().toString()).startsWith("2018-"));
    }

    @Test
    void shouldRecognizeEachRealFileByExactlyItsOwnAdapter() throws IOException {
        for (Map.Entry<String, String> real : REAL_FILES.entrySet()) {
            // Given the first line of a real file
            String line = Inputs.firstLine(SharedData.file(real.getKey())).orElseThrow();

            // When every adapter is asked whether it recognizes it
            List<String> recognizing = Adapters.formats().stream().filter(f -> Adapters.forFormat(f).recognizes(line)).toList();

            // Then only its own adapter does
            assertThat(recognizing).as(real.getKey()).containsExactly(real.getValue());
        }
    }

    @Test
    void shouldRecognizeNothingInTextOfNoFormat() {
        // Given lines that are not a header or row of any format: JSON, a CSV of other columns, a short tab row
        List<String> lines = List.of("{\"id\":\"x\"}", "ID,Year,Date,Vote", "1\t20240101\tUSA", "", "PK\u0003\u0004garbage");

        // Then no adapter recognizes any of them
        Map<String, List<String>> recognized = lines.stream().collect(Collectors.toMap(l -> l,
                l -> Adapters.formats().stream().filter(f -> Adapters.forFormat(f).recognizes(l)).toList()));
        assertThat(recognized).allSatisfy((line, formats) -> assertThat(formats).as(line).isEmpty());
    }

    @Test
    void shouldGiveTheFirstNonBlankLineOfACompressedFileWithoutItsByteOrderMark(@TempDir Path dir) throws IOException {
        // Given a gzip file whose text starts with a byte-order mark and blank lines
        Path file = dir.resolve("x.txt");
        Files.writeString(file, "\uFEFF\n  \r\nfirst line\nsecond\n");

        // Then its first line is the first non-blank one, and an empty file has none
        assertThat(Inputs.firstLine(gzip(file, dir))).contains("first line");
        assertThat(Inputs.firstLine(Files.writeString(dir.resolve("empty"), ""))).isEmpty();
    }
}
