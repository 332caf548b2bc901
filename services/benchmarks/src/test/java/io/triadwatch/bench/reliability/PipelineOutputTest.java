package io.triadwatch.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.serde.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker of the reliability runs: what it calls a duplicate and a difference. */
class PipelineOutputTest {
    @Test
    void shouldFindADyadStateWrittenAgainWithACountAlreadyWritten() {
        // Given a dyad's states in topic order, the second one written twice (a replayed event)
        PipelineOutput output = new PipelineOutput(List.of(dyad("CHN-RUS", 1, "e1"), dyad("CHN-RUS", 2, "e2"), dyad("CHN-RUS", 2, "e2")),
                List.of(), List.of());

        // Then the checker reports that one
        assertThat(output.duplicates()).containsExactly("dyad CHN-RUS: eventCount 2 written after 2 (last event e2)");
    }

    @Test
    void shouldFindAnAlertTransitionWrittenTwiceButNotItsNextStatus() {
        // Given an episode that fires twice and then resolves once
        ObjectNode firing = alert("rank-drop:CHN-PRK", 1, "FIRING");
        PipelineOutput output = new PipelineOutput(List.of(), List.of(), List.of(firing, firing, alert("rank-drop:CHN-PRK", 1, "RESOLVED")));

        // Then only the repeated FIRING is a duplicate
        assertThat(output.duplicates()).containsExactly("alert rank-drop:CHN-PRK episode 1 FIRING written more than once");
    }

    @Test
    void shouldCompareFinalStatesWithoutTheirWallClockFields() {
        // Given two runs whose last CHN-RUS states differ only in when they were written, and one whose count differs
        ObjectNode early = dyad("CHN-RUS", 2, "e2");
        early.put("updatedAt", "2026-01-01T00:00:00Z");
        ObjectNode late = dyad("CHN-RUS", 2, "e2");
        late.put("updatedAt", "2026-01-02T00:00:00Z");
        PipelineOutput reference = new PipelineOutput(List.of(dyad("CHN-RUS", 1, "e1"), PipelineOutput.normalize(early)), List.of(), List.of());
        PipelineOutput same = new PipelineOutput(List.of(PipelineOutput.normalize(late)), List.of(), List.of());
        PipelineOutput other = new PipelineOutput(List.of(dyad("CHN-RUS", 3, "e2")), List.of(), List.of());

        // Then the first compares equal and the second does not
        assertThat(same.differences(reference)).isEmpty();
        assertThat(other.differences(reference)).singleElement().asString().startsWith("dyad CHN-RUS: expected");
        assertThat(reference.eventsApplied()).isEqualTo(2);
    }

    private static ObjectNode dyad(String id, long count, String lastEvent) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("dyad", id);
        node.put("eventCount", count);
        node.put("lastEventId", lastEvent);
        return node;
    }

    private static ObjectNode alert(String fingerprint, int episode, String status) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("fingerprint", fingerprint);
        node.put("episode", episode);
        node.put("status", status);
        node.put("emittedAt", "2026-01-01T00:00:00Z");
        return node;
    }
}
