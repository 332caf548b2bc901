package io.triadwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.ingest.file.JsonlSource;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Codecs;
import io.triadwatch.topics.DeadLetters;
import io.triadwatch.topics.Topics;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class JsonlSourceIntegrationTest {

    @Test
    void shouldPublishGoodLinesAndDeadLetterBadOnesWithTheirLineNumbers(@TempDir Path dir) throws Exception {
        // Given a file with two good events, a repeat, broken JSON, an unknown actor and a blank line
        String servers = IngestFixtures.bootstrap();
        String run = IngestFixtures.runId();
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(
                IngestFixtures.event(run + "-1", "CHN"),
                IngestFixtures.event(run + "-2", "RUS"),
                "",
                IngestFixtures.event(run + "-1", "CHN"),
                "{\"id\":\"" + run + "-broken\",",
                IngestFixtures.event(run + "-3", "XXX")), StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();

        // When it is ingested
        IngestSummary summary;
        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", servers), new SimpleMeterRegistry(), 1000)) {
            IngestRun ingest = new IngestRun(publisher, "cli", line -> { });
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonlSource.feed(reader, "events.jsonl", ingest, errors::add);
            }
            summary = ingest.finish();
        }

        // Then the counts add up: read = published + duplicates + rejected
        assertThat(summary.read()).isEqualTo(5);
        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.rejected()).containsOnly(Map.entry(RejectReason.INVALID_JSON, 1L), Map.entry(RejectReason.UNKNOWN_ACTOR, 1L));
        assertThat(summary.describe()).isEqualTo("read 5, published 2, duplicates 1, rejected 2 (INVALID_JSON=1, UNKNOWN_ACTOR=1)");
        // And each bad line is reported with its line number and field
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("events.jsonl:5: INVALID_JSON at $: not valid JSON");
        assertThat(errors.get(1)).isEqualTo("events.jsonl:6: UNKNOWN_ACTOR at $.guest: $.guest: unknown actor 'XXX': not an ISO 3166-1 alpha-3 country code");
        // And the good events are on the topic once each, equal to what was read
        List<ConsumerRecord<String, String>> published = IngestFixtures.keyed(servers, Topics.EVENTS.name(), run, 2);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(run + "-1", run + "-2");
        assertThat(Codecs.events().decode(published.get(0).value().getBytes(StandardCharsets.UTF_8)).value().id()).isEqualTo(published.get(0).key());
        // And the bad lines are in the DLQ, raw, with reason and source headers
        List<ConsumerRecord<String, String>> dead = IngestFixtures.keyed(servers, Topics.DLQ.name(), run, 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(IngestFixtures.event(run + "-3", "XXX"));
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("UNKNOWN_ACTOR");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE)).isEqualTo("cli:events.jsonl:6");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).contains("$.guest");
        });
    }

    @Test
    void shouldDeadLetterEventsOutsideTheEventTimeWindowAsOutOfRange(@TempDir Path dir) throws Exception {
        // Given a file with a good event, one dated 9999-12-31 and one dated 0001-01-01
        String servers = IngestFixtures.bootstrap();
        String run = IngestFixtures.runId();
        Path file = dir.resolve("dates.jsonl");
        String future = IngestFixtures.event(run + "-future", "RUS").replace("2023-07-27", "9999-12-31");
        Files.write(file, List.of(
                IngestFixtures.event(run + "-ok", "CHN"),
                future,
                IngestFixtures.event(run + "-ancient", "RUS").replace("2023-07-27", "0001-01-01")), StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        List<String> progress = new ArrayList<>();

        // When it is ingested, and an adapter offers a far-future event of its own
        IngestSummary summary;
        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", servers), new SimpleMeterRegistry(), 1000)) {
            IngestRun ingest = new IngestRun(publisher, "cli", progress::add);
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonlSource.feed(reader, "dates.jsonl", ingest, errors::add);
            }
            ingest.event(Codecs.events().decode(future.replace(run + "-future", run + "-adapter").getBytes(StandardCharsets.UTF_8)).value());
            summary = ingest.finish();
        }

        // Then only the good event is published and the others are OUT_OF_RANGE, reported at occurredAt
        assertThat(summary.published()).isEqualTo(1);
        assertThat(summary.rejected()).containsOnly(Map.entry(RejectReason.OUT_OF_RANGE, 3L));
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).contains("OUT_OF_RANGE at $.occurredAt"));
        assertThat(errors.get(0)).startsWith("dates.jsonl:2: ");
        assertThat(progress).anySatisfy(line -> assertThat(line).contains(run + "-adapter").contains("OUT_OF_RANGE"));
        // And they are in the DLQ with their reason and source
        List<ConsumerRecord<String, String>> dead = IngestFixtures.keyed(servers, Topics.DLQ.name(), run, 3);
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)).containsOnly("OUT_OF_RANGE");
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.SOURCE))
                .containsExactlyInAnyOrder("cli:dates.jsonl:2", "cli:dates.jsonl:3", "cli");
    }
}
