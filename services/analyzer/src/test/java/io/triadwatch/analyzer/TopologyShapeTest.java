package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The names that state and internal topics hang on must not drift. */
class TopologyShapeTest {
    @Test
    void shouldNameEveryNodeStoreAndRepartitionTopicExplicitly() {
        // Given
        TopologyDescription description = AnalyzerTopology.build(AnalyzerConfig.defaults()).describe();
        // When
        Set<String> nodes = new HashSet<>();
        Set<String> stores = new HashSet<>();
        Set<String> topics = new HashSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            nodes.add(node.name());
            if (node instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            } else if (node instanceof TopologyDescription.Source s) {
                topics.addAll(s.topicSet());
            } else if (node instanceof TopologyDescription.Sink s) {
                topics.add(s.topic());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        // Then no generated name (KSTREAM-...-0000000003) anywhere
        assertThat(nodes).noneMatch(n -> n.matches(".*\\d{10}$"));
        assertThat(nodes).contains("events-source", "event-intake", "dlq-sink", "triads-source", "triad-definitions",
                "dyad-aggregate", "dyad-state-sink", "triad-aggregate", "triad-state-sink");
        assertThat(stores).containsExactlyInAnyOrderElementsOf(AnalyzerStores.ALL);
        assertThat(topics).contains("triadwatch.events.v1", "triadwatch.triads.v1", "triadwatch.events.dlq.v1",
                "triadwatch.dyad-state.v1", "triadwatch.triad-state.v1",
                "dyad-inputs-repartition", "dyad-memberships-repartition", "triad-inputs-repartition", "triad-definitions-repartition");
        assertThat(description.subtopologies()).hasSize(4);
        assertThat(description.globalStores()).singleElement().satisfies(g -> assertThat(g.source().topicSet()).containsExactly("triadwatch.officials.v1"));
    }
}
