package io.triadwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DyadAndTriadTest {

    @Test
    void shouldTreatBothOrdersAsTheSameDyad() {
        assertThat(Dyad.of("PRK", "CHN")).isEqualTo(Dyad.of("CHN", "PRK"));
        assertThat(Dyad.parse("PRK-CHN").id()).isEqualTo("CHN-PRK");
        assertThat(Dyad.of("CHN", "PRK").other("CHN")).isEqualTo("PRK");
    }

    @Test
    void shouldRefuseADyadOfOneActor() {
        assertThatThrownBy(() -> Dyad.of("CHN", "CHN")).isInstanceOf(InvalidFieldException.class).hasMessageContaining("twice");
    }

    @Test
    void shouldGiveATriadItsThreeSortedDyads() {
        Triad triad = Triad.of("RUS", "CHN", "PRK");

        assertThat(triad.id()).isEqualTo("CHN-PRK-RUS");
        assertThat(triad.dyads()).extracting(Dyad::id).containsExactly("CHN-PRK", "CHN-RUS", "PRK-RUS");
        assertThat(triad.contains(Dyad.of("RUS", "PRK"))).isTrue();
        assertThat(triad.contains(Dyad.of("USA", "PRK"))).isFalse();
    }

    @Test
    void shouldRejectATriadWhoseIdIsNotItsSortedActors() {
        assertThatThrownBy(() -> new Triad("PRK-CHN-RUS", List.of("CHN", "PRK", "RUS"), null, null))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("expected CHN-PRK-RUS");
    }

    @Test
    void shouldRoundTripAScopedRuleThroughItsOwnJson() {
        // Given a scoped rule as read from the rules topic
        String json = "{\"id\":\"rank-drop-chn\",\"type\":\"RANK_DROP\",\"threshold\":0.05,\"scope\":{\"actors\":[\"CHN\"]}}";
        AlertRule rule = io.triadwatch.serde.Codecs.rules().decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value();

        // When it is written and read again, Then it is the same rule (no derived property leaks into the JSON)
        String written = io.triadwatch.serde.Json.string(rule);
        assertThat(written).doesNotContain("empty");
        assertThat(io.triadwatch.serde.Codecs.rules().decode(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value()).isEqualTo(rule);
    }

    @Test
    void shouldRejectAPivotOutsideTheTriad() {
        assertThatThrownBy(() -> new Triad("CHN-PRK-RUS", List.of("CHN", "PRK", "RUS"), "USA", null))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("$.pivot");
    }
}
