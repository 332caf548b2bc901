package io.triadwatch.launcher.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection from the first line, on small files made here and on the real shared files. */
class InputFormatsTest {
    private static final Path SHARED = Path.of(System.getProperty("triadwatch.shared.dir", "../../../shared")).resolve("data");
    static final String ICEWS_HEADER = String.join("\t", "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
            "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
            "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude");
    static final String VOTES_HEADER = "ID,Year,Date,Resolution,Draft,Outcome,Agenda item,Category,Region,Vote,Member State";

    /** @return a GDELT 2.0 row: 61 tab-separated columns, id and SQLDATE filled */
    static String gdeltRow(String id, String day) {
        List<String> fields = new ArrayList<>(java.util.Collections.nCopies(61, ""));
        fields.set(0, id);
        fields.set(1, day);
        return String.join("\t", fields);
    }

    private static Path write(Path dir, String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void shouldDetectEachFormatFromItsFirstLineWhateverTheFileIsCalled(@TempDir Path dir) throws IOException {
        // Given one small file per format, none named after its format
        Path jsonl = write(dir, "a.txt", "", "{\"id\":\"x\",\"kind\":\"TREATY\"}");
        Path icews = write(dir, "b.txt", ICEWS_HEADER);
        Path gdelt = write(dir, "c.txt", gdeltRow("410412347", "20150218"));
        Path votes = write(dir, "d.txt", VOTES_HEADER);
        Path vetoes = write(dir, "e.txt", "year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3");

        // Then each is detected as its format
        assertThat(List.of(InputFormats.detect(jsonl), InputFormats.detect(icews), InputFormats.detect(gdelt), InputFormats.detect(votes),
                InputFormats.detect(vetoes))).containsExactly("jsonl", "icews", "gdelt", "unsc-votes", "unsc-vetoes");
    }

    @Test
    void shouldDetectThroughGzipAndZip(@TempDir Path dir) throws IOException {
        // Given an ICEWS header gzip-compressed and a GDELT row zipped
        Path gz = dir.resolve("events.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((ICEWS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("20150218230000.export.CSV"));
            out.write((gdeltRow("1", "20150218") + "\n").getBytes(StandardCharsets.UTF_8));
        }

        // Then both are detected from the content
        assertThat(InputFormats.detect(gz)).isEqualTo("icews");
        assertThat(InputFormats.detect(zip)).isEqualTo("gdelt");
    }

    @Test
    void shouldRefuseToGuessAnEmptyOrUnrecognizedFileAndAskForItsFormat(@TempDir Path dir) throws IOException {
        // Given an empty file, a blank one, and a CSV of other columns
        Path empty = write(dir, "empty.csv");
        Path blank = write(dir, "blank.csv", "", "   ");
        Path other = write(dir, "other.csv", "name,value", "a,1");

        // Then detection refuses each, naming the file and asking for FILE:FORMAT
        for (Path file : List.of(empty, blank, other)) {
            assertThatThrownBy(() -> InputFormats.detect(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining(":FORMAT");
        }
        assertThatThrownBy(() -> InputFormats.detect(other)).hasMessageContaining("'name,value'");
    }

    @Test
    void shouldPreferTheFilesOwnFormatThenTheDefaultThenDetection(@TempDir Path dir) throws IOException {
        // Given an ICEWS header file
        Path icews = write(dir, "b.txt", ICEWS_HEADER);
        List<String> said = new ArrayList<>();

        // When it is resolved without a format, with a default, and with its own format
        InputFormats.source(new InputSpec(icews, null), null, said::add);
        InputFormats.source(new InputSpec(icews, null), "icews", said::add);
        InputFormats.source(new InputSpec(icews, "icews"), "jsonl", said::add);

        // Then each line says the format used and whether it was detected
        assertThat(said).containsExactly(icews + ": icews (detected)", icews + ": icews", icews + ": icews");
    }

    @Test
    void shouldHintAtTheFormatSyntaxWhenAFileWithAColonIsMissing(@TempDir Path dir) {
        InputSpec mistyped = InputSpec.parse(dir.resolve("events.tab:icew").toString(), InputFormats.names());

        assertThatThrownBy(() -> InputFormats.source(mistyped, null, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read").hasMessageContaining("after the last ':'");
    }

    @Test
    void shouldDetectTheRealSharedFiles() throws IOException {
        assertThat(InputFormats.detect(SHARED.resolve("icews/events-2018-06-sample.tab"))).isEqualTo("icews");
        assertThat(InputFormats.detect(SHARED.resolve("icews/events-2018-10-to-2019-03.tsv.gz"))).isEqualTo("icews");
        assertThat(InputFormats.detect(SHARED.resolve("un/unsc-votes-2016-2026.csv"))).isEqualTo("unsc-votes");
        assertThat(InputFormats.detect(SHARED.resolve("gdelt/20191024143000.export.CSV"))).isEqualTo("gdelt");
    }
}
