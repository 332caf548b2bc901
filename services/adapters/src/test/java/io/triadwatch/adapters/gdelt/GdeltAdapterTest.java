package io.triadwatch.adapters.gdelt;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.Drained;
import io.triadwatch.adapters.SharedData;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.model.CodedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GDELT adapter on the three real sample files of {@code shared/data/gdelt}.
 * <p>
 * How the expected counts were derived, independently of this code, with awk over each file
 * ({@code iso3.txt} = the JDK's ISO alpha-3 list, {@code Locale.getISOCountries(PART1_ALPHA3)};
 * awk columns are 1-based, so Actor1CountryCode is $8, Actor2CountryCode $18, EventCode $27):
 * <pre>
 * read            wc -l FILE                                                       (100 each, no header)
 * NO_COUNTRY      awk -F'\t' '$8=="" || $18==""' FILE | wc -l
 * UNKNOWN_COUNTRY awk -F'\t' 'NR==FNR{iso[$1];next} $8!="" &amp;&amp; $18!="" &amp;&amp; (!($8 in iso) || !($18 in iso))' iso3.txt FILE | wc -l
 * SAME_COUNTRY    same filter with both in iso and $8==$18
 * DUPLICATE       over the remaining rows, key = $2 (SQLDATE) $8 $18 $27 and ActionGeo type|name|feature
 *                 ($52|$53|$59 for 61 columns, $50|$51|$56 for 57/58); a key seen before is a duplicate
 *                 (all repeats in the samples share DATEADDED, so the 24 h window does not matter)
 * produced        the rest
 * </pre>
 * Results: a = 72 / 8 / 7 / 5 / 8; b = 75 / 1 / 5 / 4 / 15; c = 69 / 3 / 15 / 1 / 12. The unknown
 * codes are CAMEO regions: EUR, AFR.
 */
class GdeltAdapterTest {
    private final GdeltAdapter adapter = new GdeltAdapter();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,                      produced, NO_COUNTRY, UNKNOWN_COUNTRY, SAME_COUNTRY, DUPLICATE
            "events-sample-a.export.CSV,  8,        72,         8,               7,            5",
            // sample b is GDELT 1.0: 40 rows of 57 columns, 60 of 58 (with SOURCEURL); none is malformed
            "events-sample-b.export.CSV,  15,       75,         1,               5,            4",
            "events-sample-c.export.CSV,  12,       69,         3,               15,           1"})
    void shouldCountEveryRowOfTheSample(String name, long produced, long noCountry, long unknownCountry, long sameCountry,
                                        long duplicate) throws IOException {
        // Given
        Path file = SharedData.file("gdelt/" + name);

        // When
        Drained run = Drained.of(adapter, file);

        // Then
        assertThat(run.summary().read()).isEqualTo(100);
        assertThat(run.summary().produced()).isEqualTo(produced);
        assertThat(run.summary().skipped()).isEqualTo(Map.of(SkipReason.NO_COUNTRY, noCountry, SkipReason.UNKNOWN_COUNTRY, unknownCountry,
                SkipReason.SAME_COUNTRY, sameCountry, SkipReason.DUPLICATE, duplicate));
    }

    @Test
    void shouldMapTheColumnsOfAGdelt2Row() throws IOException {
        // Given sample a, line 7: GLOBALEVENTID 410412353, AUS -> NZL, 042, Goldstein 1.9, 1 mention, 1 source, 1 article
        Drained run = Drained.of(adapter, SharedData.file("gdelt/events-sample-a.export.CSV"));

        // When
        CodedEvent event = run.byId(CodedEvent.class).get("gdelt:410412353");

        // Then
        assertThat(event.actor1()).isEqualTo("AUS");
        assertThat(event.actor2()).isEqualTo("NZL");
        assertThat(event.cameo()).isEqualTo("042");
        assertThat(event.goldstein()).isEqualTo(1.9);
        assertThat(event.mentions()).isEqualTo(1);
        assertThat(event.confidence()).isEqualTo(0.5);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2014-02-18T00:00:00Z"));
        assertThat(event.source().name()).isEqualTo("GDELT 2.0 event export");
        assertThat(event.source().url()).startsWith("http");
        assertThat(event.summary()).contains("(AUS) -> ").contains("(NZL): 042 Make a visit");
        assertThat(run.produced()).filteredOn(p -> p.event().id().equals("gdelt:410412353")).extracting(AdapterItem::line).containsExactly(7L);
    }

    @Test
    void shouldKeepLeadingZerosAndReadGdelt1Rows() throws IOException {
        // Given sample b: line 18 is a 57-column 1979 row USA -> RUS, code 190, Goldstein -10;
        // line 64 is a 58-column 2019 row CHN -> GBR, code 075, 2 sources, 2 articles
        Map<String, CodedEvent> events = Drained.of(adapter, SharedData.file("gdelt/events-sample-b.export.CSV")).byId(CodedEvent.class);

        // When
        CodedEvent old = events.get("gdelt:230397977");
        CodedEvent recent = events.get("gdelt:932734477");

        // Then
        assertThat(old.actor1()).isEqualTo("USA");
        assertThat(old.actor2()).isEqualTo("RUS");
        assertThat(old.cameo()).isEqualTo("190");
        assertThat(old.goldstein()).isEqualTo(-10.0);
        assertThat(old.occurredAt()).isEqualTo(Instant.parse("1979-12-31T00:00:00Z"));
        assertThat(old.source().name()).isEqualTo("GDELT 1.0 event data");
        assertThat(old.source().url()).isNull();
        assertThat(recent.cameo()).isEqualTo("075");
        assertThat(recent.confidence()).isEqualTo(0.667);
        assertThat(recent.source().url()).startsWith("https://www.newshub.co.nz/");
    }

    @Test
    void shouldNameTheFirstEventWhenSkippingAReEmission() throws IOException {
        // Given sample a, line 9 (410412355) repeats line 7 (410412353): same day, AUS -> NZL, 042, same place
        Drained run = Drained.of(adapter, SharedData.file("gdelt/events-sample-a.export.CSV"));

        // When
        AdapterItem.Skipped skipped = run.skipped().stream().filter(s -> s.line() == 9).findFirst().orElseThrow();

        // Then
        assertThat(skipped.reason()).isEqualTo(SkipReason.DUPLICATE);
        assertThat(skipped.detail()).contains("gdelt:410412355 repeats gdelt:410412353 (line 7)");
    }

    @Test
    void shouldReadThePublishedZipLikeThePlainExport(@TempDir Path dir) throws IOException {
        // Given sample c zipped as GDELT publishes it: one .export.CSV inside a .zip
        Path plain = SharedData.file("gdelt/events-sample-c.export.CSV");
        Path zip = dir.resolve("20150218224500.export.CSV.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("20150218224500.export.CSV"));
            Files.copy(plain, out);
            out.closeEntry();
        }

        // When
        Drained fromZip = Drained.of(adapter, zip);
        Drained fromPlain = Drained.of(adapter, plain);

        // Then
        assertThat(fromZip.events()).isEqualTo(fromPlain.events());
        assertThat(fromZip.summary().skipped()).isEqualTo(fromPlain.summary().skipped());
        assertThat(fromZip.summary().read()).isEqualTo(100);
    }

    @Test
    void shouldTreatARepeatOutsideTheWindowAsANewEvent(@TempDir Path dir) throws IOException {
        // Given line 7 of sample a three times: as added, 2 days later, and 2 days later again with a new id
        String row = Files.readAllLines(SharedData.file("gdelt/events-sample-a.export.CSV"), StandardCharsets.UTF_8).get(6);
        Path file = dir.resolve("repeats.export.CSV");
        Files.write(file, List.of(row, withIdAndAdded(row, "1", "20150220230000"), withIdAndAdded(row, "2", "20150220231500")));

        // When
        Drained oneDay = Drained.of(new GdeltAdapter(new GdeltAdapter.Options(Duration.ofDays(1), 1000)), file);
        Drained threeDays = Drained.of(new GdeltAdapter(new GdeltAdapter.Options(Duration.ofDays(3), 1000)), file);

        // Then
        assertThat(oneDay.events()).extracting(e -> e.id()).containsExactly("gdelt:410412353", "gdelt:1");
        assertThat(oneDay.skippedLines(SkipReason.DUPLICATE)).containsExactly(3L);
        assertThat(threeDays.events()).extracting(e -> e.id()).containsExactly("gdelt:410412353");
        assertThat(threeDays.skippedLines(SkipReason.DUPLICATE)).containsExactly(2L, 3L);
    }

    @Test
    void shouldSkipAnUnreadableRowWithItsLineAndGoOn(@TempDir Path dir) throws IOException {
        // Given a truncated row between two good ones
        List<String> rows = Files.readAllLines(SharedData.file("gdelt/events-sample-a.export.CSV"), StandardCharsets.UTF_8);
        Path file = dir.resolve("broken.export.CSV");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((rows.get(6) + "\n" + "410412399\t20140218\ttruncated\n" + rows.get(7) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        // When
        Drained run = Drained.of(adapter, file);

        // Then
        assertThat(run.summary().produced()).isEqualTo(2);
        assertThat(run.skipped()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.MALFORMED);
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.detail()).contains("got 3");
        });
    }

    @Test
    void shouldGrowConfidenceWithIndependentSourcesFasterThanWithArticles() {
        assertThat(GdeltAdapter.confidence(1, 1)).isEqualTo(0.5);
        assertThat(GdeltAdapter.confidence(2, 2)).isEqualTo(0.667);
        assertThat(GdeltAdapter.confidence(4, 4)).isEqualTo(0.8);
        assertThat(GdeltAdapter.confidence(1, 5)).isEqualTo(0.667);
        assertThat(GdeltAdapter.confidence(0, 0)).isEqualTo(0.5);
        assertThat(GdeltAdapter.confidence(1000, 5000)).isEqualTo(0.999);
    }

    private static String withIdAndAdded(String row, String id, String added) {
        String[] cols = row.split("\t", -1);
        cols[0] = id;
        cols[59] = added;
        return String.join("\t", cols);
    }
}
