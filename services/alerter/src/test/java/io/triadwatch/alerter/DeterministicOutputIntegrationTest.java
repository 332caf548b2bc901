package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerService;
import io.triadwatch.analyzer.AnalyzerTopology;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.serde.Json;
import io.triadwatch.streams.CatchUp;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.TopicSpec;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToIntBiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, failure 7 on a real broker: the same event set, produced onto a three-partition events
 * topic in two different partition assignments and orders, through the real analyzer (event-time
 * ordering on, as the live roles run it) and alerter with the default rules, gives the same alerts and
 * the same final dyad and triad states (docs/reliability.md, "Deterministic output").
 */
@Tag("integration")
class DeterministicOutputIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final Path DEMO = Path.of(System.getProperty("triadwatch.project.dir", "../.."), "services/launcher/src/main/resources/demo");
    private static final int EVENT_PARTITIONS = 3;
    /** Wall-clock fields and fields of the run's own records, not of the input. */
    private static final List<String> RUN_FIELDS = List.of("updatedAt", "emittedAt", "eventAppendedAt", "computedAt");

    /** What one run wrote: alerts per fingerprint in order, and the last state of every dyad and triad. */
    private record Output(Map<String, List<String>> alerts, Map<String, String> dyads, Map<String, String> triads) {
    }

    @Test
    void shouldWriteTheSameAlertsAndStatesWhateverPartitionsTheEventsLandOn() throws Exception {
        // Given one event set: the demo timeline and generated coded events among the watched actors, in event-time order
        List<String[]> events = events();

        // When it is produced round-robin over three partitions, and then by id hash, last partition first
        Output roundRobin = run(events, (i, id) -> i % EVENT_PARTITIONS, false);
        Output byHash = run(events, (i, id) -> Math.floorMod(id.hashCode() * 31 + 7, EVENT_PARTITIONS), true);

        // Then both runs wrote the same alerts (per fingerprint, in order; dyad alerts with their triad context)
        // and the same final states
        assertThat(roundRobin.alerts()).isNotEmpty();
        assertThat(byHash.alerts()).isEqualTo(roundRobin.alerts());
        assertThat(byHash.dyads()).isEqualTo(roundRobin.dyads());
        assertThat(byHash.triads()).isEqualTo(roundRobin.triads());
    }

    /** @return {id, json} pairs sorted by event time, then id */
    private static List<String[]> events() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : lines("events.jsonl")) {
            JsonNode n = Json.mapper().readTree(line);
            out.add(new String[] {n.path("id").asText(), line, n.path("occurredAt").asText()});
        }
        String[] actors = {"CHN", "RUS", "USA", "PRK", "JPN", "KOR"};
        String[][] cameo = {{"036", "4.0"}, {"042", "1.9"}, {"057", "8.0"}, {"112", "-2.0"}, {"173", "-5.0"}, {"190", "-10.0"}, {"061", "6.4"}};
        Random random = new Random(12);
        for (int i = 0; i < 400; i++) {
            int a = random.nextInt(actors.length);
            int b = (a + 1 + random.nextInt(actors.length - 1)) % actors.length;
            String[] c = cameo[random.nextInt(cameo.length)];
            String date = LocalDate.parse("2024-01-01").plusDays(random.nextInt(150)).toString();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "gen-" + i);
            e.put("kind", "CODED");
            e.put("occurredAt", date);
            e.put("source", Map.of("name", "generated"));
            e.put("summary", "generated coded event " + i);
            e.put("actor1", actors[a]);
            e.put("actor2", actors[b]);
            e.put("cameo", c[0]);
            e.put("goldstein", Double.parseDouble(c[1]));
            out.add(new String[] {"gen-" + i, Json.string(e), date});
        }
        out.sort(Comparator.comparing((String[] e) -> e[2]).thenComparing(e -> e[0]));
        return out;
    }

    private static Output run(List<String[]> events, ToIntBiFunction<Integer, String> partitionOf, boolean lastPartitionFirst) throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AnalyzerConfig.TopicNames names = new AnalyzerConfig.TopicNames("det-events-" + run, "det-triads-" + run, "det-officials-" + run,
                "det-dlq-" + run, "det-dyad-state-" + run, "det-triad-state-" + run);
        String rules = "det-rules-" + run;
        String alerts = "det-alerts-" + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            // The state topics have as many partitions as the analyzer's dyad and triad stages: each alerter task
            // then reads the output of one analyzer task, in the order that task wrote it.
            new TopicAdmin(admin).ensure(List.of(spec(names.events(), EVENT_PARTITIONS, Topics.EVENTS), spec(names.triads(), 1, Topics.TRIADS),
                    spec(names.officials(), 1, Topics.OFFICIALS), spec(names.dlq(), 1, Topics.DLQ), spec(names.dyadState(), 6, Topics.DYAD_STATE),
                    spec(names.triadState(), 3, Topics.TRIAD_STATE), spec(rules, 1, Topics.RULES), spec(alerts, 1, Topics.ALERTS)), (short) 1);
        }
        send(bootstrap, rules, DefaultRules.json());
        send(bootstrap, names.officials(), keyed(lines("officials.jsonl"), n -> n.path("id").asText() + "@" + n.path("validFrom").asText()));
        send(bootstrap, names.triads(), keyed(lines("triads.jsonl"), n -> n.path("id").asText()));
        // Every partition gets its share in event-time order, as a producer of current events sends them
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String[] e = events.get(i);
            records.add(new ProducerRecord<>(names.events(), partitionOf.applyAsInt(i, e[0]), e[0], e[1]));
        }
        if (lastPartitionFirst) {
            records.sort(Comparator.comparingInt((ProducerRecord<String, String> r) -> -r.partition()));
        }
        TestProducers.send(bootstrap, records);

        Path state = Files.createDirectories(Path.of("target", "it-state", "determinism-" + run));
        AnalyzerConfig config = AnalyzerConfig.defaults().withApplicationId("det-analyzer-" + run).withTopics(names).live();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String alerterId = "det-alerter-" + run;
        SimpleMeterRegistry alerterRegistry = new SimpleMeterRegistry();
        try (AnalyzerService analyzer = new AnalyzerService(config, Map.of("bootstrap.servers", bootstrap, "state.dir", state.resolve("analyzer").toString()),
                registry);
             AlerterService alerter = new AlerterService(AlerterConfig.builder(bootstrap).applicationId(alerterId).stateDir(state.resolve("alerter"))
                     .topics(new AlerterConfig.TopicNames(names.dyadState(), names.triadState(), rules, alerts)).build(), alerterRegistry);
             Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            analyzer.start();
            alerter.start();
            CatchUp catchUp = new CatchUp(admin, line -> { });
            // Done when the analyzer has read everything and holds nothing back, and the alerter has read what it wrote
            Awaitility.await("analyzer and alerter done").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() ->
                    held(registry, "dyad") == 0 && held(registry, "triad") == 0
                            && catchUp.lag(config.applicationId(), AnalyzerTopology.sourceTopics(config)) == 0
                            && held(registry, "dyad") == 0 && held(registry, "triad") == 0
                            && counted(registry, "triadwatch.analyzer.impulses") > 0
                            && counted(registry, "triadwatch.analyzer.impulses.applied") == counted(registry, "triadwatch.analyzer.impulses")
                            && catchUp.lag(alerterId, List.of(names.dyadState(), names.triadState())) == 0
                            && gauge(alerterRegistry, "triadwatch.alerter.context.held") == 0);
            assertThat(counted(alerterRegistry, "triadwatch.alerter.context.timeouts")).as("dyad states that gave up waiting").isZero();
        }
        return new Output(byFingerprint(TestConsumers.readCommittedToEnd(bootstrap, alerts, TIMEOUT)),
                lastPerKey(TestConsumers.readCommittedToEnd(bootstrap, names.dyadState(), TIMEOUT)),
                lastPerKey(TestConsumers.readCommittedToEnd(bootstrap, names.triadState(), TIMEOUT)));
    }

    private static double counted(SimpleMeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        Gauge g = registry.find(name).gauge();
        return g == null ? 0 : g.value();
    }

    private static double held(SimpleMeterRegistry registry, String stage) {
        Gauge g = registry.find("triadwatch.analyzer.order.held").tag("stage", stage).gauge();
        // Before the first input the gauge does not exist; the lag check covers that time.
        return g == null ? 0 : g.value();
    }

    private static TopicSpec spec(String name, int partitions, TopicSpec like) {
        return new TopicSpec(name, partitions, like.compacted(), like.key(), like.value());
    }

    /**
     * The alerts by fingerprint, in order, context included: a dyad alert waits for the triad readings
     * of its move, so its context no longer depends on when they reach the alerter's dyad task
     * (docs/reliability.md, "Deterministic output").
     */
    private static Map<String, List<String>> byFingerprint(List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(withoutRunFields(r.value())));
        return out;
    }

    private static Map<String, String> lastPerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, String> out = new TreeMap<>();
        records.forEach(r -> out.put(r.key(), r.value() == null ? null : withoutRunFields(r.value())));
        return out;
    }

    private static String withoutRunFields(String json) {
        try {
            ObjectNode tree = (ObjectNode) Json.mapper().readTree(json);
            tree.remove(RUN_FIELDS);
            return tree.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(DEMO.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    }

    private static Map<String, String> keyed(List<String> lines, java.util.function.Function<JsonNode, String> key) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            out.put(key.apply(Json.mapper().readTree(line)), line);
        }
        return out;
    }

    private static void send(String bootstrap, String topic, Map<String, String> records) {
        TestProducers.send(bootstrap, records.entrySet().stream().map(e -> new ProducerRecord<>(topic, e.getKey(), e.getValue())).toList());
    }
}
