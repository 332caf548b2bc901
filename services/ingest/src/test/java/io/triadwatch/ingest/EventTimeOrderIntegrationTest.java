package io.triadwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.ingest.file.JsonlSource;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.serde.Codecs;
import io.triadwatch.topics.PaceEnd;
import io.triadwatch.topics.Topics;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A backtest's publishing: all inputs merged in event-time order, sent in paces bounded in event time and in count. */
@Tag("integration")
class EventTimeOrderIntegrationTest {

    @Test
    void shouldSendMergedInputsInEventTimeOrderInPacesNoWiderThanTheSpan() throws Exception {
        // Given two sources whose events interleave in time: days 0 and 45 in one, 200, 10 and 50 in the other
        String servers = IngestFixtures.bootstrap();
        String run = IngestFixtures.runId();
        List<Long> publishedAtEachBarrier = new ArrayList<>();
        IngestSummary summary;
        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", servers), new SimpleMeterRegistry(), 1000)) {
            IngestRun[] ingest = new IngestRun[1];
            ingest[0] = new IngestRun(publisher, "replay", line -> { })
                    .inEventTimeOrder(Duration.ofDays(30), 10, () -> publishedAtEachBarrier.add(ingest[0].summary().published()));
            feed(ingest[0], event(run, "a0", "2024-01-01"), event(run, "a45", "2024-02-15"));
            feed(ingest[0], event(run, "b200", "2024-07-19"), event(run, "b10", "2024-01-11"), event(run, "b50", "2024-02-20"));
            // Then nothing is sent before the run finishes
            assertThat(ingest[0].summary().published()).isZero();
            summary = ingest[0].finish();
        }
        // Then every event is sent, in paces of at most 30 days: [0, 10], [45, 50], [200]
        assertThat(summary.published()).isEqualTo(5);
        assertThat(publishedAtEachBarrier).containsExactly(2L, 4L);
        List<ConsumerRecord<String, String>> sent = IngestFixtures.keyed(servers, Topics.EVENTS.name(), run, 5);
        assertThat(sent).extracting(r -> Codecs.events().decode(r.value().getBytes(StandardCharsets.UTF_8)).value().id())
                .containsExactlyInAnyOrder(run + "-a0", run + "-a45", run + "-b200", run + "-b10", run + "-b50");
        // And the last event of each pace is marked as its end, so that a backtest's analyzer flushes there
        assertThat(sent).filteredOn(r -> PaceEnd.isSet(r.headers())).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(run + "-b10", run + "-b50", run + "-b200");
    }

    @Test
    void shouldCutAPaceAtTheEventCountToo() throws Exception {
        String servers = IngestFixtures.bootstrap();
        String run = IngestFixtures.runId();
        List<Long> publishedAtEachBarrier = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", servers), new SimpleMeterRegistry(), 1000)) {
            IngestRun[] ingest = new IngestRun[1];
            ingest[0] = new IngestRun(publisher, "replay", line -> { })
                    .inEventTimeOrder(Duration.ofDays(30), 1, () -> publishedAtEachBarrier.add(ingest[0].summary().published()));
            // Given three events on one day
            feed(ingest[0], event(run, "x", "2024-01-01"), event(run, "y", "2024-01-01"), event(run, "z", "2024-01-01"));
            ingest[0].finish();
        }
        // Then each is its own pace
        assertThat(publishedAtEachBarrier).containsExactly(1L, 2L);
    }

    private static void feed(IngestRun run, String... lines) throws Exception {
        try (BufferedReader reader = new BufferedReader(new StringReader(String.join("\n", lines)))) {
            JsonlSource.feed(reader, "test", run, error -> { });
        }
    }

    private static String event(String run, String id, String date) {
        return IngestFixtures.event(run + "-" + id, "CHN").replace("\"occurredAt\":\"2023-07-27\"", "\"occurredAt\":\"" + date + "\"");
    }
}
