package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.model.RejectReason;
import io.triadwatch.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Downstream subscribers need no Java: kcat (librdkafka; Debian package {@code kcat}) reads the
 * demo's alerts and state and writes canonical events the analyzer processes, on the embedded
 * broker's loopback address the demo prints. Skipped when kcat is not installed.
 * <p>
 * kcat produces with {@code partitioner=murmur2_random}, the Java client's partitioner, as every
 * non-Java producer should: librdkafka's default partitioner would put a key on another partition
 * than a Java producer does.
 */
@Tag("integration")
@ExtendWith(RunningDemo.Extension.class)
class KcatIntegrationTest {
    private static final Duration KCAT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROCESSED_WITHIN = Duration.ofSeconds(60);

    /** One record as {@code kcat -J} prints it. */
    private record Message(String key, String payload, Map<String, String> headers) {
        JsonNode value() {
            return RunningDemo.json(payload);
        }
    }

    @Test
    void shouldReadTheDemosAlertsAsPlainJsonKeyedByFingerprint(RunningDemo demo) {
        Path kcat = ExternalTools.require("kcat", "kcat");

        List<Message> alerts = await("FIRING/RESOLVED alerts of the demo timeline on " + Topics.ALERTS.name())
                .atMost(PROCESSED_WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> consume(kcat, demo, Topics.ALERTS.name()), list -> !list.isEmpty());

        assertThat(alerts).allSatisfy(alert -> {
            JsonNode value = alert.value();
            assertThat(alert.key()).as("key of %s", alert.payload()).isEqualTo(value.path("fingerprint").asText());
            assertThat(value.path("status").asText()).isIn("FIRING", "RESOLVED");
            assertThat(value.path("rule").asText()).isNotBlank();
            assertThat(value.path("severity").asText()).isNotBlank();
        });
    }

    @Test
    void shouldHaveTheAnalyzerProcessAnEventPublishedWithKcat(RunningDemo demo) {
        // Given a canonical event for a dyad the demo timeline does not touch, dated today: an older date
        // can be more than the grace period behind the event time of whichever partition kcat picks,
        // and is then (rightly) dead-lettered as LATE
        Path kcat = ExternalTools.require("kcat", "kcat");
        String id = "kcat-" + UUID.randomUUID();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String event = "{\"id\":\"" + id + "\",\"kind\":\"TREATY\",\"occurredAt\":\"" + today + "\","
                + "\"source\":{\"name\":\"kcat round trip\"},\"parties\":[\"NZL\",\"NOR\"],\"treatyType\":\"FRIENDSHIP_AND_COOPERATION\"}";

        // When kcat publishes it, keyed by its id
        produce(kcat, demo, Topics.EVENTS.name(), id, event);

        // Then the analyzer writes the dyad's state, which kcat reads back
        Message state = await("dyad state NOR-NZL on " + Topics.DYAD_STATE.name() + " after event " + id)
                .atMost(PROCESSED_WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> consume(kcat, demo, Topics.DYAD_STATE.name()).stream()
                        .filter(m -> "NOR-NZL".equals(m.key()) && id.equals(m.value().path("lastEventId").asText())).findFirst().orElse(null),
                        m -> m != null);
        assertThat(state.value().path("dyad").asText()).isEqualTo("NOR-NZL");
        assertThat(state.value().path("eventCount").asLong()).isEqualTo(1);
        // And the analyzer's query answers with the same state (the store is written in the same transaction)
        assertThat(RunningDemo.json(demo.get("/api/dyads/NOR/NZL").body()).path("lastEventId").asText()).isEqualTo(id);
    }

    @Test
    void shouldDeadLetterAnInvalidEventPublishedWithKcatWithTheDocumentedHeaders(RunningDemo demo) {
        // Given an event with its kind-specific fields missing
        Path kcat = ExternalTools.require("kcat", "kcat");
        String id = "kcat-bad-" + UUID.randomUUID();

        // When kcat publishes it
        produce(kcat, demo, Topics.EVENTS.name(), id, "{\"id\":\"" + id + "\",\"kind\":\"TREATY\",\"occurredAt\":\"2024-06-19\",\"source\":{\"name\":\"kcat\"}}");

        // Then the analyzer dead-letters it with the reason headers, the raw bytes as value
        Message dead = await("dead letter " + id + " on " + Topics.DLQ.name())
                .atMost(PROCESSED_WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> consume(kcat, demo, Topics.DLQ.name()).stream().filter(m -> id.equals(m.key())).findFirst().orElse(null),
                        m -> m != null);
        assertThat(dead.headers()).containsKeys("triadwatch.reason", "triadwatch.reason.detail", "triadwatch.source", "triadwatch.rejected.at");
        assertThat(dead.headers().get("triadwatch.reason")).isIn(Arrays.stream(RejectReason.values()).map(Enum::name).toList());
        assertThat(dead.headers().get("triadwatch.source")).isEqualTo("analyzer");
        assertThat(Instant.parse(dead.headers().get("triadwatch.rejected.at"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(dead.value().path("id").asText()).isEqualTo(id);
    }

    private static void produce(Path kcat, RunningDemo demo, String topic, String key, String value) {
        ExternalTools.Result result = ExternalTools.run(KCAT_TIMEOUT, (key + "\t" + value + "\n").getBytes(StandardCharsets.UTF_8),
                List.of(kcat.toString(), "-b", demo.bootstrapServers(), "-P", "-t", topic, "-K", "\t",
                        "-X", "partitioner=murmur2_random", "-X", "acks=all"));
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** @return every record of {@code topic}, committed ones only, read from the beginning to the end */
    private static List<Message> consume(Path kcat, RunningDemo demo, String topic) {
        ExternalTools.Result result = ExternalTools.run(KCAT_TIMEOUT, new byte[0], List.of(kcat.toString(), "-b", demo.bootstrapServers(),
                "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-J", "-X", "isolation.level=read_committed"));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<Message> messages = new ArrayList<>();
        result.stdout().lines().filter(l -> !l.isBlank()).map(RunningDemo::json).forEach(record -> {
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode flat = record.path("headers");
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                headers.put(flat.get(i).asText(), flat.get(i + 1).asText());
            }
            messages.add(new Message(record.path("key").isNull() ? null : record.path("key").asText(),
                    record.path("payload").asText(), headers));
        });
        return messages;
    }
}
