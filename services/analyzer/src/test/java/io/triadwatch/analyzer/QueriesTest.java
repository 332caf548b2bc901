package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.analyzer.query.AnalyzerQueries;
import io.triadwatch.analyzer.query.StateAccess;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP queries over real analyzer state (a TopologyTestDriver fed with events), served by the
 * project's HTTP server; a second server that owns nothing shows forwarding and gathering.
 */
class QueriesTest {
    private static AnalyzerDriver analyzer;
    private static HttpServer owner;
    private static HttpServer front;
    private static final AtomicReference<String> frontMode = new AtomicReference<>("REMOTE");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Live reads as of a fixed "now", so that two requests answer alike. */
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final DyadReadings READINGS = DyadReadings.of(AnalyzerConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        analyzer = new AnalyzerDriver();
        analyzer.triad("CHN-PRK-RUS", Events.triad("CHN-PRK-RUS", "CHN"));
        analyzer.event(Events.summit("s4", "2019-06-20", "HEAD_OF_STATE", "CHN", "PRK"));
        analyzer.event(Events.summit("s1", "2023-09-13", "HEAD_OF_STATE", "PRK", "RUS"));
        analyzer.event(Events.summit("s2", "2024-05-16", "HEAD_OF_STATE", "CHN", "RUS"));
        analyzer.event(Events.summit("s3", "2024-06-19", "HEAD_OF_STATE", "PRK", "RUS"));
        StateAccess local = new StateAccess() {
            @Override
            public Owner owner(String store, String key) {
                return Owner.LOCAL;
            }

            @Override
            public <V> ReadOnlyKeyValueStore<String, V> local(String store) {
                return analyzer.driver.getKeyValueStore(store);
            }

            @Override
            public List<HostInfo> others(String store) {
                return List.of();
            }
        };
        owner = server(new AnalyzerQueries(local, READINGS));
        HostInfo ownerHost = new HostInfo("127.0.0.1", owner.port());
        StateAccess remote = new StateAccess() {
            @Override
            public Owner owner(String store, String key) {
                return frontMode.get().equals("REMOTE") ? Owner.remote(ownerHost) : Owner.UNAVAILABLE;
            }

            @Override
            public <V> ReadOnlyKeyValueStore<String, V> local(String store) {
                return new EmptyStore<>();
            }

            @Override
            public List<HostInfo> others(String store) {
                return List.of(ownerHost);
            }
        };
        front = server(new AnalyzerQueries(remote, READINGS));
    }

    private static HttpServer server(AnalyzerQueries queries) {
        return HttpServer.start(new HttpServerConfig("127.0.0.1", 0, "token", HttpServerConfig.DEFAULT_MAX_BODY_BYTES),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new HealthRegistry(), List.of(queries));
    }

    @AfterAll
    static void stop() {
        front.close();
        owner.close();
        analyzer.close();
    }

    private static HttpResponse<String> get(HttpServer server, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void shouldReadEveryDyadOfAListAsOfTheRequestTime() throws Exception {
        // Given dyads last moved in 2019 and 2024, When the list is read through another instance
        JsonNode items = json(get(front, "/api/dyads")).path("items");
        // Then every score is as of the same time, the newest event's time and score kept beside it
        assertThat(items).hasSize(3).allSatisfy(item -> assertThat(item.path("asOf").asText()).isEqualTo("2025-01-01T00:00:00Z"));
        JsonNode chnPrk = items.get(0);
        assertThat(chnPrk.path("dyad").asText()).isEqualTo("CHN-PRK");
        assertThat(chnPrk.path("eventAsOf").asText()).isEqualTo("2019-06-20T00:00:00Z");
        assertThat(chnPrk.path("eventScore").asDouble()).isCloseTo(Math.tanh(0.7), within(1e-9));
        double days = java.time.Duration.between(Instant.parse("2019-06-20T00:00:00Z"), NOW).toDays();
        assertThat(chnPrk.path("score").asDouble()).isCloseTo(Math.tanh(0.7 * Math.pow(2, -days / 180)), within(1e-9));
    }

    @Test
    void shouldReadADyadAsOfAGivenTimeFarBelowItsLevelYearsEarlier() throws Exception {
        // Given CHN-PRK moved last by the June 2019 summit, When it is read as of 25 May 2022
        JsonNode state = json(get(owner, "/api/dyads/PRK/CHN?at=2022-05-25"));
        // Then its score has decayed by almost three years of half-lives
        assertThat(state.path("asOf").asText()).isEqualTo("2022-05-25T00:00:00Z");
        assertThat(state.path("eventScore").asDouble()).isGreaterThan(0.6);
        assertThat(state.path("score").asDouble()).isLessThan(0.1).isPositive();
        // And a reading time before the newest event leaves the state as it is
        assertThat(json(get(owner, "/api/dyads/PRK/CHN?at=2019-01-01")).path("score").asDouble()).isCloseTo(Math.tanh(0.7), within(1e-9));
        assertThat(get(owner, "/api/dyads/PRK/CHN?at=someday").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerADyadInEitherOrder() throws Exception {
        HttpResponse<String> one = get(owner, "/api/dyads/RUS/PRK");
        HttpResponse<String> two = get(owner, "/api/dyads/PRK/RUS");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("dyad").asText()).isEqualTo("PRK-RUS");
        assertThat(json(one).path("eventCount").asInt()).isEqualTo(2);
        assertThat(json(two)).isEqualTo(json(one));
    }

    @Test
    void shouldAnswer404ForADyadNoEventMoved() throws Exception {
        HttpResponse<String> response = get(owner, "/api/dyads/CHN/USA");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(json(response).path("message").asText()).contains("CHN-USA");
    }

    @Test
    void shouldAnswer400NamingTheMalformedActor() throws Exception {
        HttpResponse<String> lower = get(owner, "/api/dyads/chn/PRK");
        assertThat(lower.statusCode()).isEqualTo(400);
        assertThat(json(lower).path("error").asText()).isEqualTo("invalid_actor");
        assertThat(json(lower).path("field").asText()).isEqualTo("a");
        HttpResponse<String> unknown = get(owner, "/api/dyads/CHN/XXX/history");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("field").asText()).isEqualTo("b");
        assertThat(json(unknown).path("message").asText()).contains("XXX");
        HttpResponse<String> same = get(owner, "/api/dyads/CHN/CHN");
        assertThat(same.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerHistoryInEventTimeBetweenFromAndTo() throws Exception {
        JsonNode all = json(get(owner, "/api/dyads/PRK/RUS/history"));
        assertThat(all.path("points")).hasSize(2);
        assertThat(all.path("points").get(0).path("eventId").asText()).isEqualTo("s1");
        assertThat(all.path("points").get(1).path("eventId").asText()).isEqualTo("s3");
        JsonNode window = json(get(owner, "/api/dyads/PRK/RUS/history?from=2024-01-01&to=2024-06-19"));
        assertThat(window.path("points")).singleElement().satisfies(p -> assertThat(p.path("eventId").asText()).isEqualTo("s3"));
        HttpResponse<String> bad = get(owner, "/api/dyads/PRK/RUS/history?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("field").asText()).isEqualTo("from");
    }

    @Test
    void shouldPageTheDyadList() throws Exception {
        JsonNode page = json(get(owner, "/api/dyads?limit=2&offset=1"));
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("dyad").asText()).isEqualTo("CHN-RUS");
        assertThat(page.path("items").get(1).path("dyad").asText()).isEqualTo("PRK-RUS");
        assertThat(get(owner, "/api/dyads?limit=0").statusCode()).isEqualTo(400);
        assertThat(get(owner, "/api/dyads?offset=x").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerWatchedTriadsOnly() throws Exception {
        HttpResponse<String> triad = get(owner, "/api/triads/RUS-CHN-PRK");
        assertThat(triad.statusCode()).isEqualTo(200);
        assertThat(json(triad).path("triad").asText()).isEqualTo("CHN-PRK-RUS");
        assertThat(json(triad).path("pivot").asText()).isEqualTo("CHN");
        assertThat(json(triad).path("balanced").isBoolean()).isTrue();
        assertThat(get(owner, "/api/triads/CHN-PRK-USA").statusCode()).isEqualTo(404);
        assertThat(get(owner, "/api/triads/CHN-PRK").statusCode()).isEqualTo(400);
        assertThat(json(get(owner, "/api/triads")).path("items")).singleElement()
                .satisfies(t -> assertThat(t.path("triad").asText()).isEqualTo("CHN-PRK-RUS"));
    }

    @Test
    void shouldForwardToTheOwnerAndGatherListsFromEveryInstance() throws Exception {
        frontMode.set("REMOTE");
        HttpResponse<String> forwarded = get(front, "/api/dyads/PRK/RUS/history?from=2024-01-01");
        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(json(forwarded).path("points")).hasSize(1);
        assertThat(get(front, "/api/dyads/CHN/USA").statusCode()).isEqualTo(404);
        assertThat(json(get(front, "/api/dyads")).path("total").asInt()).isEqualTo(3);
        assertThat(json(get(front, "/api/triads/CHN-PRK-RUS")).path("triad").asText()).isEqualTo("CHN-PRK-RUS");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileOwnershipIsUnknown() throws Exception {
        frontMode.set("UNAVAILABLE");
        try {
            HttpResponse<String> response = get(front, "/api/dyads/PRK/RUS");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(json(response).path("error").asText()).isEqualTo("unavailable");
        } finally {
            frontMode.set("REMOTE");
        }
    }

    /** A store with nothing in it: the front instance owns no partition. */
    private static final class EmptyStore<V> implements ReadOnlyKeyValueStore<String, V> {
        private final NavigableMap<String, V> map = new TreeMap<>();

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, V> range(String from, String to) {
            return iterator(map.subMap(from, true, to, true));
        }

        @Override
        public KeyValueIterator<String, V> all() {
            return iterator(map);
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private KeyValueIterator<String, V> iterator(Map<String, V> entries) {
            List<KeyValue<String, V>> list = new ArrayList<>();
            entries.forEach((k, v) -> list.add(KeyValue.pair(k, v)));
            Iterator<KeyValue<String, V>> it = list.iterator();
            return new KeyValueIterator<>() {
                @Override
                public void close() {
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<String, V> next() {
                    return it.next();
                }
            };
        }
    }
}
