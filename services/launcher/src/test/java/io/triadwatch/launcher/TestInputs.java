package io.triadwatch.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small input files for the CLI tests: canonical JSONL, ICEWS rows of the real shape, gzip copies. */
final class TestInputs {
    static final String ICEWS_HEADER = String.join("\t", "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
            "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
            "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude");

    private TestInputs() {
    }

    /** @return a "Consult" (CAMEO 040, intensity 1) row between the governments of two countries, by ICEWS country name */
    static String icewsRow(String eventId, String date, String sourceCountry, String targetCountry) {
        return String.join("\t", eventId, date, "Government (" + sourceCountry + ")", "Government", sourceCountry, "Consult", "040", "1",
                "Government (" + targetCountry + ")", "Government", targetCountry, "1", "1", "Test Wire", "", "", "", "", "", "");
    }

    /** Writes a JSONL file of one Iceland–New Zealand treaty of 2 June 2018 with id {@code id}. */
    static Path treatyFile(Path file, String id) throws IOException {
        return Files.writeString(file, "{\"id\":\"" + id + "\",\"kind\":\"TREATY\",\"occurredAt\":\"2018-06-02\","
                + "\"source\":{\"name\":\"t\"},\"parties\":[\"ISL\",\"NZL\"],\"treatyType\":\"OTHER\"}\n");
    }

    /** Writes {@code file} gzip-compressed to {@code gz}. */
    static Path gzip(Path file, Path gz) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        return gz;
    }
}
