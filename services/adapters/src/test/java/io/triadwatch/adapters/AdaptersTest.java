package io.triadwatch.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptersTest {

    @Test
    void shouldOfferTheFourFormats() {
        assertThat(Adapters.formats()).containsExactly("gdelt", "icews", "unsc-votes", "unsc-vetoes");
        assertThat(Adapters.forFormat("unsc-votes").format()).isEqualTo("unsc-votes");
        assertThatThrownBy(() -> Adapters.forFormat("csv")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gdelt");
    }

    @Test
    void shouldRefuseCountsThatDoNotBalance() {
        assertThatThrownBy(() -> new AdapterSummary("gdelt", "f", 10, 5, 5, Map.of(SkipReason.DUPLICATE, 4L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not balance");
        assertThat(new AdapterSummary("unsc-votes", "f", 32, 30, 2, Map.of(SkipReason.MALFORMED, 2L, SkipReason.DUPLICATE, 0L)).skipped())
                .containsOnlyKeys(SkipReason.MALFORMED);
    }

    @Test
    void shouldDescribeASummaryOnOneLine() {
        AdapterSummary summary = new AdapterSummary("unsc-votes", "votes.csv", 9239, 9222, 615,
                Map.of(SkipReason.MALFORMED, 15L, SkipReason.CONFLICTING_VOTE, 2L));

        assertThat(summary.describe()).isEqualTo(
                "unsc-votes votes.csv: read 9239, produced 615 (from 9222 records), skipped 17 (MALFORMED 15, CONFLICTING_VOTE 2)");
    }

    @Test
    void shouldGiveTheSummaryOnlyAfterTheLastItemAndKeepGoingWhenTheListenerFails() throws IOException {
        // Given a listener that throws on every report
        ProgressListener failing = ProgressListener.every(10, p -> {
            throw new IllegalStateException("console gone");
        });

        // When
        try (AdapterRun run = Adapters.forFormat("gdelt").open(SharedData.file("gdelt/events-sample-a.export.CSV"), failing)) {
            assertThatThrownBy(run::summary).isInstanceOf(IllegalStateException.class);
            long items = run.stream().count();

            // Then
            assertThat(items).isEqualTo(100);
            assertThat(run.summary().read()).isEqualTo(100);
            assertThat(run.progress().done()).isTrue();
        }
    }
}
