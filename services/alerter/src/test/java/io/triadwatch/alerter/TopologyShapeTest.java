package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class TopologyShapeTest {

    @Test
    void shouldNameEveryProcessorAndStoreExplicitly() {
        // When the topology is described
        TopologyDescription description = AlerterTopology.build(AlerterConfig.builder("test:9092").build()).describe();
        String text = description.toString();

        // Then no generated name appears and every store and repartition has its fixed name
        assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(text).contains("alerter-rules-source", "alerter-dyad-state-source", "alerter-triad-state-source",
                "alerter-dyad-evaluator", "alerter-triad-evaluator", "alerter-dyad-state-input", "alerter-triad-fan-out",
                "alerter-dyad-context-aggregate", AlerterStores.DYAD_PROGRESS, "alerter-dyad-inputs", AlerterStores.DYAD_HELD,
                "alerter-triad-context-by-dyad-repartition", "alerter-dyad-alerts-sink", "alerter-triad-alerts-sink",
                AlerterStores.RULES, AlerterStores.DYAD_READINGS, AlerterStores.DYAD_TRIADS, AlerterStores.DYAD_HISTORY, AlerterStores.DYAD_LIFECYCLE,
                AlerterStores.DYAD_DEADLINES, AlerterStores.DYAD_CLOCK, AlerterStores.TRIAD_TIMELINE,
                AlerterStores.TRIAD_LIFECYCLE, AlerterStores.TRIAD_DEADLINES, AlerterStores.TRIAD_CLOCK);
        assertThat(description.globalStores()).hasSize(1);
        assertThat(description.subtopologies()).hasSize(2);
    }
}
