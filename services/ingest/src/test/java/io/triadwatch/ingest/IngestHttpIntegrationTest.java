package io.triadwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.http.Metrics;
import io.triadwatch.ingest.http.IngestRoutes;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class IngestHttpIntegrationTest {
    private static final String TOKEN = "s3cret";
    private static String servers;
    private static EventPublisher publisher;
    private static HttpServer server;
    private static PrometheusMeterRegistry registry;

    @BeforeAll
    static void start() {
        servers = IngestFixtures.bootstrap();
        registry = Metrics.newRegistry();
        publisher = new EventPublisher(Map.of("bootstrap.servers", servers), registry, 1000);
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, TOKEN, 64 * 1024), registry, new HealthRegistry(),
                List.of(new IngestRoutes(publisher)));
    }

    @AfterAll
    static void stop() {
        server.close();
        publisher.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), token);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A client per request: the server closes a connection whose body it refused unread (401, 415,
        // 413), and a pooled client may send the next POST on it before it sees the close ("header
        // parser received no bytes"), which POST is not retried on.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldPublishAValidEventAndAnswer202OnlyOnceAcknowledged() throws Exception {
        String run = IngestFixtures.runId();

        HttpResponse<String> response = post("/api/events", "application/json", IngestFixtures.event(run + "-a", "CHN"), TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
        List<ConsumerRecord<String, String>> records = IngestFixtures.keyed(servers, Topics.EVENTS.name(), run, 1);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).contains("\"guest\":\"CHN\"").contains("\"occurredAt\":\"2023-07-27T00:00:00Z\""));
        assertThat(registry.scrape()).contains("triadwatch_ingest_events_accepted_total{channel=\"http\"}");
    }

    @Test
    void shouldAnswer400NamingTheFieldOfAnInvalidEvent() throws Exception {
        String noHead = IngestFixtures.event("bad-1", "CHN").replace("\"head\":\"Li Hongzhong\"", "\"title\":\"Vice Chairman\"");

        HttpResponse<String> response = post("/api/events", "application/json", noHead, TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_event\"").contains("head");
        assertThat(registry.scrape()).contains("triadwatch_ingest_events_rejected_total{channel=\"http\",reason=\"SCHEMA\"}");
    }

    @Test
    void shouldRefuseWithoutTokenWithWrongTypeAndAboveTheSizeLimit() throws Exception {
        String event = IngestFixtures.event("x-1", "CHN");
        assertThat(post("/api/events", "application/json", event, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/events", "text/plain", event, TOKEN).statusCode()).isEqualTo(415);
        String huge = event.replace("\"source\":{\"name\":\"test\"}", "\"source\":{\"name\":\"test\"},\"summary\":\"" + "x".repeat(70_000) + "\"");
        HttpResponse<String> tooLarge = post("/api/events", "application/json", huge, TOKEN);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("too_large");
    }

    @Test
    void shouldPublishARepeatedIdOnceAndSaySo() throws Exception {
        String run = IngestFixtures.runId();
        String event = IngestFixtures.event(run + "-dup", "RUS");

        HttpResponse<String> first = post("/api/events", "application/json", event, TOKEN);
        HttpResponse<String> second = post("/api/events", "application/json", event, TOKEN);

        assertThat(first.body()).contains("\"status\":\"accepted\"");
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).contains("\"status\":\"duplicate\"");
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).containsExactly(run + "-dup");
    }

    @Test
    void shouldPublishAnNdjsonBatch() throws Exception {
        String run = IngestFixtures.runId();
        String batch = IngestFixtures.event(run + "-1", "CHN") + "\n\n" + IngestFixtures.event(run + "-2", "RUS") + "\n";

        HttpResponse<String> response = post("/api/events/batch", "application/x-ndjson", batch, TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":2");
        assertThat(IngestFixtures.keyed(servers, Topics.EVENTS.name(), run, 2)).hasSize(2);
    }

    @Test
    void shouldPublishNothingOfAJsonBatchWithAnInvalidItemAndListEveryInvalidItem() throws Exception {
        // Given a JSON array batch whose second and third items are invalid
        String run = IngestFixtures.runId();
        String batch = "[" + IngestFixtures.event(run + "-ok", "CHN") + "," + IngestFixtures.event(run + "-bad", "XXX")
                + ",{\"id\":\"" + run + "-nokind\"}]";

        // When it is posted
        HttpResponse<String> response = post("/api/events/batch", "application/json", batch, TOKEN);

        // Then 400 lists both invalid items by index, and the valid one was not published
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("2 of 3 events are invalid; nothing was published")
                .contains("\"index\":1").contains("UNKNOWN_ACTOR").contains("\"index\":2");
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).isEmpty();
    }

    private static double outOfRangeCount() {
        var counter = registry.find("triadwatch.ingest.events.rejected").tags("channel", "http", "reason", "OUT_OF_RANGE").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldRefuseAnEventOutsideTheEventTimeWindowWith400NamingOccurredAt() throws Exception {
        // Given events dated 9999-12-31, 2262-04-12, 2038-01-19T03:14:08Z and 0001-01-01
        String run = IngestFixtures.runId();
        double before = outOfRangeCount();
        for (String date : List.of("9999-12-31", "2262-04-12", "2038-01-19T03:14:08Z", "0001-01-01")) {
            String event = IngestFixtures.event(run + "-far", "CHN").replace("2023-07-27", date);

            // When one is posted
            HttpResponse<String> response = post("/api/events", "application/json", event, TOKEN);

            // Then it is refused naming occurredAt, and counted by its reason
            assertThat(response.statusCode()).as(date).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"$.occurredAt\"").contains("OUT_OF_RANGE");
        }
        assertThat(outOfRangeCount() - before).isEqualTo(4.0);
        assertThat(registry.scrape()).contains("triadwatch_ingest_events_rejected_total{channel=\"http\",reason=\"OUT_OF_RANGE\"}");
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).isEmpty();
    }

    @Test
    void shouldRefuseABatchWithAnEventOutsideTheWindowAndPublishNothing() throws Exception {
        String run = IngestFixtures.runId();
        String batch = IngestFixtures.event(run + "-ok", "CHN") + "\n" + IngestFixtures.event(run + "-far", "RUS").replace("2023-07-27", "9999-12-31");

        HttpResponse<String> response = post("/api/events/batch", "application/x-ndjson", batch, TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1 of 2 events are invalid").contains("\"index\":1").contains("\"reason\":\"OUT_OF_RANGE\"")
                .contains("\"field\":\"$.occurredAt\"");
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).isEmpty();
    }

    @Test
    void shouldRefuseInvalidUtf8OnBothEndpointsInsteadOfPublishingU_FFFD() throws Exception {
        // Given an event whose summary holds a byte that is not UTF-8
        String run = IngestFixtures.runId();
        byte[] event = IngestFixtures.event(run + "-bad", "CHN").replace("\"source\"", "\"summary\":\"prXobe\",\"source\"").getBytes(StandardCharsets.UTF_8);
        event[new String(event, StandardCharsets.UTF_8).indexOf("prXobe") + 2] = (byte) 0xFF;

        // When it is posted alone, as NDJSON and in a JSON array
        HttpResponse<String> single = post("/api/events", "application/json", event, TOKEN);
        HttpResponse<String> lines = post("/api/events/batch", "application/x-ndjson", event, TOKEN);
        byte[] array = new byte[event.length + 2];
        array[0] = '[';
        System.arraycopy(event, 0, array, 1, event.length);
        array[array.length - 1] = ']';
        HttpResponse<String> json = post("/api/events/batch", "application/json", array, TOKEN);

        // Then each is a 400 saying the body is not UTF-8, and nothing is published
        for (HttpResponse<String> response : List.of(single, lines, json)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"error\":\"invalid_encoding\"").contains("not valid UTF-8");
        }
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).isEmpty();
    }

    @Test
    void shouldRefuseUtf16Utf32AndNulBytesOnBothEndpoints() throws Exception {
        String run = IngestFixtures.runId();
        String event = IngestFixtures.event(run + "-wide", "CHN");
        for (String path : List.of("/api/events", "/api/events/batch")) {
            for (String charset : List.of("UTF-16", "UTF-16LE", "UTF-32BE")) {
                HttpResponse<String> wide = post(path, "application/json", event.getBytes(Charset.forName(charset)), TOKEN);

                assertThat(wide.statusCode()).as(path + " " + charset).isEqualTo(400);
                assertThat(wide.body()).contains("\"error\":\"unsupported_encoding\"");
            }
            HttpResponse<String> nul = post(path, "application/json", event + "\u0000", TOKEN);

            assertThat(nul.statusCode()).as(path + " NUL").isEqualTo(400);
            assertThat(nul.body()).contains("\"error\":\"invalid_encoding\"").contains("NUL byte");
        }
        assertThat(IngestFixtures.keysNow(servers, Topics.EVENTS.name(), run)).isEmpty();
    }
}
