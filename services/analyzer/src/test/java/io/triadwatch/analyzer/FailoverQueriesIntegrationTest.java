package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.analyzer.dyad.DyadAggregate;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.kafka.testkit.TestTopics;
import io.triadwatch.serde.Json;
import io.triadwatch.streams.CatchUp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two analyzer instances on a real broker, one standby each (issue 13 item 1): when one dies its
 * keys are answered by the other from its standby copies, flagged stale, and a list stays whole.
 * The death is a static member's close without leaving the group and with its HTTP server gone, as a
 * {@code kill -9} looks to the survivor until the session times out.
 */
@Tag("integration")
class FailoverQueriesIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldAnswerADeadInstancesKeysFromTheSurvivorsStandbyFlaggedStale() throws Exception {
        // Given the demo timeline on topics of this run's own, and two instances with a standby each
        String bootstrap = KafkaTestBroker.bootstrapServers();
        AnalyzerConfig.TopicNames topics = new AnalyzerConfig.TopicNames(TestTopics.unique("fo-events"), TestTopics.unique("fo-triads"),
                TestTopics.unique("fo-officials"), TestTopics.unique("fo-dlq"), TestTopics.unique("fo-dyad-state"), TestTopics.unique("fo-triad-state"));
        TestTopics.create(bootstrap, List.of(new NewTopic(topics.events(), 3, (short) 1), new NewTopic(topics.triads(), 1, (short) 1),
                new NewTopic(topics.officials(), 1, (short) 1), new NewTopic(topics.dlq(), 1, (short) 1),
                new NewTopic(topics.dyadState(), 3, (short) 1), new NewTopic(topics.triadState(), 1, (short) 1)));
        AnalyzerConfig config = AnalyzerConfig.defaults().withApplicationId("it-failover-" + UUID.randomUUID()).withTopics(topics);
        TestProducers.send(bootstrap, DemoTimeline.officials().stream()
                .map(line -> new ProducerRecord<>(topics.officials(), DemoTimeline.officialKey(line), line)).toList());
        TestProducers.send(bootstrap, DemoTimeline.triads().stream()
                .map(line -> new ProducerRecord<>(topics.triads(), DemoTimeline.id(line), line)).toList());

        try (Instance a = new Instance(config, bootstrap, "a"); Instance b = new Instance(config, bootstrap, "b")) {
            a.start();
            b.start();
            // each holds every partition of the dyad store: half active, half standby
            Awaitility.await("both running, standbys placed").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> a.isRunning() && b.isRunning() && a.localPartitions() == config.dyadPartitions()
                            && b.localPartitions() == config.dyadPartitions());
            TestProducers.send(bootstrap, DemoTimeline.events().stream()
                    .map(line -> new ProducerRecord<>(topics.events(), DemoTimeline.id(line), line)).toList());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                AnalyzerCatchUp.await(new CatchUp(admin, line -> { }), config.applicationId(), AnalyzerTopology.sourceTopics(config), TIMEOUT, () -> null,
                        a.meters, b.meters);
            }
            JsonNode before = get(a, "/api/dyads?limit=1000&at=" + AT).body;
            assertThat(before.has("stale")).isFalse();
            int total = before.path("total").asInt();
            assertThat(total).isPositive();
            // (a standby's lag counts the changelog's last transaction marker, so it is compared by content)
            Map<String, Double> scores = new TreeMap<>();
            before.path("items").forEach(item -> scores.put(item.path("dyad").asText(), item.path("eventScore").asDouble()));
            Awaitility.await("a's standbys caught up").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> a.localScores().equals(scores));
            String ownedByB = StreamSupport.stream(before.path("items").spliterator(), false)
                    .map(item -> item.path("dyad").asText()).filter(b::owns).findFirst().orElseThrow();
            JsonNode expected = get(a, "/api/dyads/" + ownedByB.replace('-', '/') + "?at=" + AT).body;
            assertThat(expected.has("stale")).as("forwarded to its owner, fresh").isFalse();

            // When b dies: its HTTP server is gone and it stays in the group (static member) until its session times out
            b.kill();

            // Then a answers b's dyad from its standby, flagged stale, with the same state
            Answer dyad = get(a, "/api/dyads/" + ownedByB.replace('-', '/') + "?at=" + AT);
            assertThat(dyad.status).as(dyad.body.toString()).isEqualTo(200);
            assertThat(dyad.body.path("stale").asBoolean()).isTrue();
            assertThat(dyad.body.path("lag").asLong()).isNotNegative();
            assertThat(dyad.body.path("score").asDouble()).isEqualTo(expected.path("score").asDouble());
            // And the list is whole, stale, and names the instance that did not answer and why
            Answer list = get(a, "/api/dyads?limit=1000&at=" + AT);
            assertThat(list.status).isEqualTo(200);
            assertThat(list.body.path("total").asInt()).isEqualTo(total);
            assertThat(list.body.path("items")).isEqualTo(before.path("items"));
            assertThat(list.body.path("stale").asBoolean()).isTrue();
            assertThat(list.body.has("missingPartitions")).isFalse();
            assertThat(list.body.path("unavailable")).singleElement().satisfies(u -> {
                assertThat(u.path("instance").asText()).isEqualTo(b.address());
                assertThat(u.path("reason").asText()).contains("did not answer: ").contains("ConnectException");
            });
            // And once the session times out, a owns every partition and answers fresh
            Awaitility.await("a takes over").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> !get(a, "/api/dyads/" + ownedByB.replace('-', '/') + "?at=" + AT).body.has("stale"));
        }
    }

    /** Every read as of one time after the demo's last event, so two answers compare (each state's own score is its eventScore). */
    private static final String AT = "2030-01-01T00:00:00Z";

    private static Answer get(Instance instance, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + instance.address() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.mapper().readTree(response.body()));
    }

    private record Answer(int status, JsonNode body) {
    }

    /** One analyzer instance with its HTTP server, a standby replica, and static membership. */
    private static final class Instance implements AutoCloseable {
        private final AnalyzerService analyzer;
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final HttpServer server;
        private final String address;
        private boolean closed;

        Instance(AnalyzerConfig config, String bootstrap, String name) throws Exception {
            Map<String, Object> kafka = new HashMap<>();
            kafka.put("bootstrap.servers", bootstrap);
            kafka.put("state.dir", Files.createTempDirectory("analyzer-failover-" + name).toString());
            kafka.put("commit.interval.ms", 100);
            kafka.put("num.standby.replicas", 1);
            kafka.put("group.instance.id", name);
            kafka.put("session.timeout.ms", 10_000);
            analyzer = new AnalyzerService(config, kafka, meters);
            server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, "token", HttpServerConfig.DEFAULT_MAX_BODY_BYTES),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new HealthRegistry(), List.of(analyzer.queries()));
            address = "127.0.0.1:" + server.port();
        }

        void start() {
            analyzer.start(address());
        }

        String address() {
            return address;
        }

        boolean isRunning() {
            return analyzer.isRunning();
        }

        int localPartitions() {
            return analyzer.streams().allLocalStorePartitionLags().getOrDefault(AnalyzerStores.DYAD_STATE, Map.of()).size();
        }

        /** @return every dyad's score in this instance's copies, active and standby */
        Map<String, Double> localScores() {
            Map<String, Double> scores = new TreeMap<>();
            ReadOnlyKeyValueStore<String, DyadAggregate> store = analyzer.streams().store(StoreQueryParameters.fromNameAndType(
                    AnalyzerStores.DYAD_STATE, QueryableStoreTypes.<String, DyadAggregate>keyValueStore()).enableStaleStores());
            try (KeyValueIterator<String, DyadAggregate> it = store.all()) {
                it.forEachRemaining(kv -> scores.put(kv.key, kv.value.state().score()));
            }
            return scores;
        }

        boolean owns(String dyad) {
            KafkaStreams streams = analyzer.streams();
            HostInfo active = streams.queryMetadataForKey(AnalyzerStores.DYAD_STATE, dyad, Serdes.String().serializer()).activeHost();
            return active.equals(HostInfo.buildFromEndpoint(address()));
        }

        /** As a kill -9 looks to the others: no HTTP answers, and the member stays in the group until its session times out. */
        void kill() {
            close();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                server.close();
                analyzer.close();
            }
        }
    }
}
