package io.triadwatch.adapters.icews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.adapters.Drained;
import io.triadwatch.adapters.InvalidInputException;
import io.triadwatch.adapters.SharedData;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.model.CodedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICEWS adapter on the real sample {@code shared/data/icews/events-2018-06-sample.tab}.
 * <p>
 * How the expected counts were derived, independently of this code (awk columns 1-based: Source
 * Country $5, Target Country $11):
 * <pre>
 * read          awk 'END{print NR-1}' FILE                                           3705
 * NO_COUNTRY    awk -F'\t' 'NR>1 &amp;&amp; ($5=="NA" || $11=="NA")' FILE | wc -l           368
 * SAME_COUNTRY  awk -F'\t' 'NR>1 &amp;&amp; $5!="NA" &amp;&amp; $11!="NA" &amp;&amp; $5==$11' FILE | wc -l 1596
 * produced      the rest: 3705 - 368 - 1596                                           1741
 * </pre>
 * No blank countries, no other names: every one of the 148 country names in the file is in the
 * table checked by {@code CountryNamesTest}, and no two names map to one code, so "same name" is
 * "same code". Every CAMEO code has 3 or 4 digits, every date is 2018-06-01 or 2018-06-02.
 */
class IcewsAdapterTest {
    private static final Path FILE = SharedData.file("icews/events-2018-06-sample.tab");
    private final IcewsAdapter adapter = new IcewsAdapter();

    @Test
    void shouldCountEveryRowOfTheSample() throws IOException {
        // When
        Drained run = Drained.of(adapter, FILE);

        // Then
        assertThat(run.summary().read()).isEqualTo(3705);
        assertThat(run.summary().produced()).isEqualTo(1741);
        assertThat(run.summary().skipped()).isEqualTo(Map.of(SkipReason.NO_COUNTRY, 368L, SkipReason.SAME_COUNTRY, 1596L));
    }

    @Test
    void shouldKeepNamedPersonsInTheSummary() throws IOException {
        // Given line 191: event 32891482, Kim Jong-Un (North Korea) consults Sergey Viktorovich Lavrov (Russian Federation)
        Drained run = Drained.of(adapter, FILE);

        // When
        CodedEvent event = run.byId(CodedEvent.class).get("icews:32891482");

        // Then
        assertThat(event.actor1()).isEqualTo("PRK");
        assertThat(event.actor2()).isEqualTo("RUS");
        assertThat(event.cameo()).isEqualTo("040");
        assertThat(event.goldstein()).isEqualTo(1.0);
        assertThat(event.mentions()).isNull();
        assertThat(event.confidence()).isEqualTo(1.0);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2018-06-01T00:00:00Z"));
        assertThat(event.summary()).startsWith("Kim Jong-Un [Elite, Executive, Government,")
                .contains("(North Korea) -> Sergey Viktorovich Lavrov [Government, Cabinet,")
                .contains("(Russian Federation): 040 Consult; story 47401149 sentence 2");
        assertThat(run.produced()).filteredOn(p -> p.event().id().equals("icews:32891482")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(191));
    }

    @Test
    void shouldMapIcewsCountryNamesOfTheTriad() throws IOException {
        // Given the file's China, North Korea, Russian Federation, South Korea rows
        Drained run = Drained.of(adapter, FILE);

        // When
        long prkRus = run.events().stream().map(CodedEvent.class::cast)
                .filter(e -> e.dyad().id().equals("PRK-RUS")).count();

        // Then: awk -F'\t' '($5=="North Korea" && $11=="Russian Federation") || ($5=="Russian Federation" && $11=="North Korea")' | wc -l
        assertThat(prkRus).isEqualTo(80);
    }

    @Test
    void shouldRefuseAFileWithoutTheIcewsHeader(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("not-icews.tab");
        Files.writeString(file, "a\tb\n1\t2\n");

        // When / Then
        assertThatThrownBy(() -> adapter.open(file)).isInstanceOf(InvalidInputException.class).hasMessageContaining("Event ID");
    }
}
