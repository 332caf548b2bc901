package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.HttpServerConfig;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.JsonSerde;
import io.triadwatch.streams.CatchUp;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.TopicSpec;
import io.triadwatch.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The analyzer on a real broker (the test kit's), replaying the demo timeline. Topic names are
 * fixed by {@link Topics}, so the tests run in order in this one class and each starts from fresh
 * topics; each analyzer run has its own application id.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyzerIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String bootstrap;
    private static Admin admin;
    private static Map<String, DyadState> uninterruptedDyads;
    private static Map<String, TriadState> uninterruptedTriads;

    @BeforeAll
    static void broker() {
        bootstrap = KafkaTestBroker.bootstrapServers();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    @Order(1)
    void shouldReadTheArticleFromTheDemoTimeline() throws Exception {
        // Given fresh topics with the demo's officials, triads and events
        resetTopics();
        publishReference();
        String appId = "it-demo-" + UUID.randomUUID();
        Path state = Files.createTempDirectory("analyzer-it");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // When the analyzer runs, with its queries on the project's HTTP server
        try (AnalyzerService analyzer = new AnalyzerService(AnalyzerConfig.defaults().withApplicationId(appId), kafka(state), registry);
             HttpServer server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, "token", HttpServerConfig.DEFAULT_MAX_BODY_BYTES),
                     registry, new HealthRegistry(), List.of(analyzer.queries()))) {
            analyzer.start("127.0.0.1:" + server.port());
            publishPaced(DemoTimeline.events(), appId, registry);
            Awaitility.await().atMost(TIMEOUT).until(analyzer::isRunning);

            // Then the triad answers over HTTP, balanced
            JsonNode triad = getJson(server, "/api/triads/CHN-PRK-RUS");
            assertThat(triad.path("balanced").asBoolean()).isTrue();
            assertThat(triad.path("signClass").asText()).isEqualTo("+++");
            JsonNode dyad = getJson(server, "/api/dyads/RUS/PRK");
            assertThat(dyad.path("dyad").asText()).isEqualTo("PRK-RUS");
            // And the analyzer's meters and the Kafka Streams binder are on the registry
            assertThat(registry.get("triadwatch.analyzer.events.processed").counter().count()).isEqualTo(DemoTimeline.events().size());
            assertThat(registry.get("triadwatch.analyzer.event.to.state").timer().count()).isPositive();
            assertThat(registry.getMeters()).anyMatch(m -> m.getId().getName().startsWith("kafka.stream"));

            // And each dyad's history is its path in event time: every event's move as in an in-order replay,
            // though the events of a pace reached their dyads in partition order (events sharing a dyad and
            // an instant excepted: their order at that instant is the arrival order)
            Map<String, Double> inOrder = inOrderMoves();
            assertThat(inOrder).hasSizeGreaterThan(30);
            Map<String, Double> measured = new LinkedHashMap<>();
            for (String dyadId : inOrder.keySet().stream().map(move -> move.substring(0, move.indexOf('|'))).distinct().toList()) {
                getJson(server, "/api/dyads/" + dyadId.replace('-', '/') + "/history").path("points")
                        .forEach(p -> measured.put(dyadId + "|" + p.path("eventId").asText(), p.path("delta").asDouble()));
            }
            inOrder.forEach((move, delta) -> assertThat(measured.get(move)).as(move).isNotNull().isCloseTo(delta, within(1e-9)));
        }
        List<ConsumerRecord<String, DyadState>> dyads = read(Topics.DYAD_STATE, DyadState.class);
        List<ConsumerRecord<String, TriadState>> triads = read(Topics.TRIAD_STATE, TriadState.class);
        assertThat(read(Topics.DLQ.name())).isEmpty();

        // Then the Chinese delegations of 2023 are rank drops against their baselines
        DyadState victoryDay = lastAbout(dyads, "CHN-PRK", "demo-2023-07-27-victory-day-chn");
        assertThat(victoryDay.rankSignal().direction()).isEqualTo("DROP");
        assertThat(victoryDay.lastTrigger()).isEqualTo("RANK_DROP");
        assertThat(victoryDay.rankSignal().baselineVisits()).extracting(BaselineVisit::eventId).containsExactly("demo-2013-07-27-victory-day-chn");
        DyadState nationalDay = lastAbout(dyads, "CHN-PRK", "demo-2023-09-09-national-day-chn");
        assertThat(nationalDay.rankSignal().direction()).isEqualTo("DROP");
        assertThat(nationalDay.lastTrigger()).isEqualTo("RANK_DROP");
        assertThat(nationalDay.rankSignal().baselineVisits()).extracting(BaselineVisit::eventId)
                .containsExactly("demo-2010-09-09-national-day-chn", "demo-2018-09-09-national-day-chn");

        // And PRK-RUS rises through 2023-2024: every event of those years moved it up (whatever order
        // the partitions delivered them in)
        Map<String, Instant> eventTimes = DemoTimeline.events().stream()
                .collect(Collectors.toMap(DemoTimeline::id, line -> Json.parse(DemoTimeline.occurredAt(line))));
        List<DyadState> prkRus = values(dyads, "PRK-RUS").stream()
                .filter(s -> s.delta() != 0 && inYears(eventTimes.get(s.lastEventId()), 2023, 2024)).toList();
        assertThat(prkRus).isNotEmpty().allSatisfy(s -> assertThat(s.delta()).as(s.lastEventId()).isPositive());
        Map<String, DyadState> finalDyads = latest(dyads);
        assertThat(finalDyads.get("PRK-RUS").contributions()).extracting(Contribution::eventId).contains(
                "demo-2023-09-13-summit-prk-rus-vostochny", "demo-2024-03-28-unsc-vote-panel-of-experts",
                "demo-2024-06-19-summit-prk-rus-pyongyang", "demo-2024-06-19-treaty-prk-rus");
        assertThat(finalDyads.get("PRK-RUS").score()).isGreaterThan(0.8);

        // And CHN-RUS stays positive once its 2023 summit is applied (in event time)
        assertThat(values(dyads, "CHN-RUS").stream().filter(s -> !s.asOf().isBefore(Instant.parse("2023-03-20T00:00:00Z"))))
                .isNotEmpty().allSatisfy(s -> assertThat(s.score()).isPositive());

        // And CHN-PRK-RUS ends balanced (its path in event time is pinned by DemoReadingTest: updates of
        // different dyads reach a triad in partition order, not event-time order)
        Map<String, TriadState> finalTriads = latest(triads);
        assertThat(finalTriads.get("CHN-PRK-RUS").balanced()).isTrue();
        assertThat(finalTriads.get("CHN-PRK-RUS").signClass()).isEqualTo("+++");
        assertThat(finalTriads).containsKeys("CHN-PRK-RUS", "CHN-PRK-USA", "CHN-RUS-USA", "JPN-KOR-USA");

        uninterruptedDyads = finalDyads;
        uninterruptedTriads = finalTriads;
    }

    @Test
    @Order(2)
    void shouldResumeFromChangelogsAfterARestartWithoutDoubleCounting() throws Exception {
        assertThat(uninterruptedDyads).as("the uninterrupted run of the test before").isNotNull();
        // Given the first half of the timeline processed by a run that then stops and loses its local state
        resetTopics();
        publishReference();
        List<String> events = DemoTimeline.events();
        int half = events.size() / 2;
        String appId = "it-restart-" + UUID.randomUUID();
        Path first = Files.createTempDirectory("analyzer-it");
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        try (AnalyzerService analyzer = new AnalyzerService(AnalyzerConfig.defaults().withApplicationId(appId), kafka(first), firstMeters)) {
            analyzer.start();
            publishPaced(events.subList(0, half), appId, firstMeters);
        }
        deleteRecursively(first);

        // When the rest arrives with repeats of an event from each half, and the analyzer restarts elsewhere
        String repeatOld = events.get(1);
        String repeatNew = events.get(events.size() - 3);
        List<String> rest = new ArrayList<>(events.subList(half, events.size()));
        rest.add(repeatOld);
        rest.add(repeatNew);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Path second = Files.createTempDirectory("analyzer-it");
        try (AnalyzerService analyzer = new AnalyzerService(AnalyzerConfig.defaults().withApplicationId(appId), kafka(second), registry)) {
            analyzer.start();
            publishPaced(rest, appId, registry);
        } finally {
            deleteRecursively(second);
        }

        // Then the repeats changed nothing and were counted, not dead-lettered
        assertThat(registry.get("triadwatch.analyzer.events.duplicate").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("triadwatch.analyzer.events.in").counter().count())
                .isEqualTo(registry.get("triadwatch.analyzer.events.processed").counter().count());
        assertThat(read(Topics.DLQ.name())).isEmpty();
        // And the final state equals the uninterrupted run's
        Map<String, DyadState> dyads = latest(read(Topics.DYAD_STATE, DyadState.class));
        Map<String, TriadState> triads = latest(read(Topics.TRIAD_STATE, TriadState.class));
        assertThat(dyads.keySet()).isEqualTo(uninterruptedDyads.keySet());
        dyads.forEach((id, state) -> {
            DyadState expected = uninterruptedDyads.get(id);
            assertThat(state.eventCount()).as(id + " eventCount").isEqualTo(expected.eventCount());
            assertThat(state.rawSum()).as(id + " rawSum").isCloseTo(expected.rawSum(), within(1e-9));
            assertThat(state.score()).as(id + " score").isCloseTo(expected.score(), within(1e-9));
            assertThat(state.asOf()).as(id + " asOf").isEqualTo(expected.asOf());
            assertThat(ids(state.contributions())).as(id + " contributions").isEqualTo(ids(expected.contributions()));
            assertThat(state.voting()).as(id + " voting").isEqualTo(expected.voting());
        });
        assertThat(triads.keySet()).isEqualTo(uninterruptedTriads.keySet());
        triads.forEach((id, state) -> {
            TriadState expected = uninterruptedTriads.get(id);
            assertThat(state.product()).as(id + " product").isCloseTo(expected.product(), within(1e-9));
            assertThat(state.signClass()).as(id).isEqualTo(expected.signClass());
            assertThat(state.balanced()).as(id).isEqualTo(expected.balanced());
            assertThat(state.pivot()).as(id).isEqualTo(expected.pivot());
            assertThat(state.asOf()).as(id).isEqualTo(expected.asOf());
            assertThat(state.zeroSum().opposing()).as(id).isEqualTo(expected.zeroSum().opposing());
            assertThat(state.zeroSum().aligned()).as(id).isEqualTo(expected.zeroSum().aligned());
        });
    }

    // ---- helpers

    private static Map<String, Object> kafka(Path stateDir) {
        return Map.of("bootstrap.servers", bootstrap, "state.dir", stateDir.toString(), "commit.interval.ms", 100);
    }

    private static void resetTopics() throws Exception {
        Set<String> names = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> doomed = existing.stream().filter(names::contains).toList();
        if (!doomed.isEmpty()) {
            admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
            Awaitility.await("topics deleted").atMost(TIMEOUT).until(() ->
                    admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().noneMatch(names::contains));
        }
        Awaitility.await("topics created").atMost(TIMEOUT).ignoreExceptions().until(() -> {
            new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(names)
                    && admin.describeTopics(List.copyOf(names)).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
        });
    }

    private static void publishReference() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        DemoTimeline.officials().forEach(line -> records.add(new ProducerRecord<>(Topics.OFFICIALS.name(), DemoTimeline.officialKey(line), line)));
        DemoTimeline.triads().forEach(line -> records.add(new ProducerRecord<>(Topics.TRIADS.name(), DemoTimeline.id(line), line)));
        TestProducers.send(bootstrap, records);
    }

    /**
     * Publishes in event-time order, in paces of at most the grace period of event time, each awaited
     * before the next (as {@code replay} does): the events of a pace land on different partitions and
     * reach their dyads in any order, but never more than the grace period behind one another.
     */
    private static void publishPaced(List<String> events, String appId, MeterRegistry registry) {
        Duration grace = AnalyzerConfig.defaults().grace();
        List<String> sorted = events.stream().sorted(Comparator.comparing(line -> Json.parse(DemoTimeline.occurredAt(line)))).toList();
        List<String> pace = new ArrayList<>();
        Instant paceStart = null;
        for (String line : sorted) {
            Instant at = Json.parse(DemoTimeline.occurredAt(line));
            if (paceStart != null && at.isAfter(paceStart.plus(grace))) {
                publish(pace, appId, registry);
                pace.clear();
                paceStart = null;
            }
            paceStart = paceStart == null ? at : paceStart;
            pace.add(line);
        }
        publish(pace, appId, registry);
    }

    private static void publish(List<String> events, String appId, MeterRegistry registry) {
        TestProducers.send(bootstrap, events.stream().map(line -> new ProducerRecord<>(Topics.EVENTS.name(), DemoTimeline.id(line), line)).toList());
        awaitCaughtUp(appId, registry);
    }

    /** Each {@code dyad|eventId} → the move it caused, replayed in event-time order by the test driver; events sharing a dyad and an instant left out. */
    private static Map<String, Double> inOrderMoves() {
        try (AnalyzerDriver driver = new AnalyzerDriver()) {
            DemoTimeline.officials().forEach(driver::official);
            DemoTimeline.triads().forEach(line -> driver.triad(DemoTimeline.id(line), line));
            DemoTimeline.events().stream().sorted(Comparator.comparing(line -> Json.parse(DemoTimeline.occurredAt(line)))).forEach(driver::event);
            Map<String, Double> moves = new LinkedHashMap<>();
            Map<String, Long> perInstant = new LinkedHashMap<>();
            for (var kv : driver.dyadLog()) {
                DyadState s = kv.value;
                if (moves.putIfAbsent(s.dyad() + "|" + s.lastEventId(), s.delta()) == null) {
                    perInstant.merge(s.dyad() + "|" + s.lastEventAt(), 1L, Long::sum);
                }
            }
            moves.keySet().removeIf(move -> {
                DyadState first = driver.dyadLog().stream().map(kv -> kv.value)
                        .filter(s -> move.equals(s.dyad() + "|" + s.lastEventId())).findFirst().orElseThrow();
                return perInstant.get(first.dyad() + "|" + first.lastEventAt()) > 1;
            });
            return moves;
        }
    }

    /** Waits until the group has committed the end of every topic it reads, its repartition topics included. */
    /** Waits until the analyzer applied everything sent, its open coded buckets included ({@link AnalyzerCatchUp}). */
    private static void awaitCaughtUp(String appId, MeterRegistry registry) {
        try {
            AnalyzerCatchUp.await(new CatchUp(admin, line -> { }), appId, AnalyzerTopology.sourceTopics(AnalyzerConfig.defaults()), TIMEOUT, () -> null, registry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + appId, e);
        }
    }

    private static List<ConsumerRecord<String, String>> read(String topic) {
        return TestConsumers.readCommittedToEnd(bootstrap, topic, TIMEOUT);
    }

    private static <T> List<ConsumerRecord<String, T>> read(TopicSpec topic, Class<T> type) {
        JsonSerde<T> serde = JsonSerde.of(type);
        return read(topic.name()).stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), serde.deserializer().deserialize(r.topic(), r.value() == null ? null : r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .toList();
    }

    private static <T> Map<String, T> latest(List<ConsumerRecord<String, T>> records) {
        Map<String, T> last = new LinkedHashMap<>();
        records.forEach(r -> {
            if (r.value() == null) {
                last.remove(r.key());
            } else {
                last.put(r.key(), r.value());
            }
        });
        return last;
    }

    private static List<DyadState> values(List<ConsumerRecord<String, DyadState>> records, String dyad) {
        return records.stream().filter(r -> r.key().equals(dyad)).map(ConsumerRecord::value).toList();
    }

    private static DyadState lastAbout(List<ConsumerRecord<String, DyadState>> records, String dyad, String visit) {
        List<DyadState> about = values(records, dyad).stream().filter(s -> s.rankSignal() != null && visit.equals(s.rankSignal().eventId())).toList();
        assertThat(about).as("states about " + visit).isNotEmpty();
        return about.get(about.size() - 1);
    }

    private static boolean inYears(Instant at, int from, int to) {
        int year = at.atZone(java.time.ZoneOffset.UTC).getYear();
        return year >= from && year <= to;
    }

    private static Set<String> ids(List<Contribution> contributions) {
        return contributions.stream().map(Contribution::eventId).collect(Collectors.toSet());
    }

    private static JsonNode getJson(HttpServer server, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
