package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.kafka.testkit.TestTopics;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.serde.Json;
import io.triadwatch.streams.CatchUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Coded impulses combined in the intake on a real broker (docs/analytic-model.md §3.3): several
 * event partitions, exactly-once, the repartition in between; the dyads end where an analyzer that
 * sends every impulse on its own takes them.
 */
@Tag("integration")
class CodedCombiningIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String[] CAMEOS = {"040", "036", "111", "057", "190", "074", "130", "051"};

    @Test
    void shouldEndInTheStatesOfEventByEventProcessingAcrossPartitions() throws Exception {
        // Given four hundred coded reports on five dyads over ten days, on a three-partition events topic, and a few summits
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String events = TestTopics.unique("cc-events");
        String triads = TestTopics.unique("cc-triads");
        String officials = TestTopics.unique("cc-officials");
        AnalyzerConfig.TopicNames combinedTopics = topics(events, triads, officials, "cc-on");
        AnalyzerConfig.TopicNames singleTopics = topics(events, triads, officials, "cc-off");
        List<NewTopic> created = new ArrayList<>(List.of(new NewTopic(events, 3, (short) 1), new NewTopic(triads, 1, (short) 1),
                new NewTopic(officials, 1, (short) 1)));
        for (AnalyzerConfig.TopicNames t : List.of(combinedTopics, singleTopics)) {
            created.addAll(List.of(new NewTopic(t.dlq(), 1, (short) 1), new NewTopic(t.dyadState(), 3, (short) 1), new NewTopic(t.triadState(), 1, (short) 1)));
        }
        TestTopics.create(bootstrap, created);
        TestProducers.send(bootstrap, reports(events));
        AnalyzerConfig combined = AnalyzerConfig.defaults().withApplicationId("it-combined-" + UUID.randomUUID()).withTopics(combinedTopics);
        AnalyzerConfig single = AnalyzerConfig.defaults().withApplicationId("it-single-" + UUID.randomUUID()).withTopics(singleTopics)
                .withCombining(AnalyzerConfig.Combining.off());
        SimpleMeterRegistry combinedMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry singleMeters = new SimpleMeterRegistry();

        // When one analyzer combines coded impulses and the other does not, and both have applied everything
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             AnalyzerService on = new AnalyzerService(combined, kafka(bootstrap), combinedMeters);
             AnalyzerService off = new AnalyzerService(single, kafka(bootstrap), singleMeters)) {
            on.start();
            off.start();
            CatchUp catchUp = new CatchUp(admin, line -> { });
            AnalyzerCatchUp.await(catchUp, combined.applicationId(), AnalyzerTopology.sourceTopics(combined), TIMEOUT, () -> null, combinedMeters);
            AnalyzerCatchUp.await(catchUp, single.applicationId(), AnalyzerTopology.sourceTopics(single), TIMEOUT, () -> null, singleMeters);
        }

        // Then every dyad ends in the same state, from fewer records
        Map<String, DyadState> expected = latest(bootstrap, singleTopics.dyadState());
        Map<String, DyadState> actual = latest(bootstrap, combinedTopics.dyadState());
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).hasSize(5);
        expected.forEach((dyad, state) -> CodedCombiningTest.assertSameState(actual.get(dyad), state));
        assertThat(combinedMeters.get("triadwatch.analyzer.combined.records").counter().count()).isPositive();
        assertThat(combinedMeters.get("triadwatch.analyzer.combined.open").gauge().value()).isZero();
    }

    private static AnalyzerConfig.TopicNames topics(String events, String triads, String officials, String prefix) {
        return new AnalyzerConfig.TopicNames(events, triads, officials, TestTopics.unique(prefix + "-dlq"), TestTopics.unique(prefix + "-dyad-state"),
                TestTopics.unique(prefix + "-triad-state"));
    }

    private static List<ProducerRecord<String, String>> reports(String topic) {
        Random random = new Random(20_190_227);
        String[][] dyads = {{"CAN", "USA"}, {"CHN", "USA"}, {"PRK", "USA"}, {"RUS", "UKR"}, {"IND", "PAK"}};
        Instant start = Instant.parse("2019-02-20T00:00:00Z");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String[] d = dyads[random.nextInt(dyads.length)];
            Instant at = start.plusSeconds(i * 2160L - (random.nextInt(6) == 0 ? random.nextInt(100_000) : 0));
            String json = i % 101 == 60 ? Events.summit("it-s" + i, at.toString(), "HEAD_OF_STATE", d[0], d[1])
                    : Events.coded("it-c" + i, at.toString(), d[0], d[1], CAMEOS[random.nextInt(CAMEOS.length)], null);
            records.add(new ProducerRecord<>(topic, (i % 101 == 60 ? "it-s" : "it-c") + i, json));
        }
        return records;
    }

    private static Map<String, DyadState> latest(String bootstrap, String topic) throws java.io.IOException {
        Map<String, DyadState> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : TestConsumers.readCommittedToEnd(bootstrap, topic, Duration.ofSeconds(30))) {
            last.put(r.key(), Json.mapper().readValue(r.value(), DyadState.class));
        }
        return last;
    }

    private static Map<String, Object> kafka(String bootstrap) throws Exception {
        Path state = Files.createTempDirectory("combining-it");
        return Map.of("bootstrap.servers", bootstrap, "state.dir", state.toString(), "commit.interval.ms", 100);
    }
}
