package io.triadwatch.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.delivery.SseReader;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.launcher.CliProcess;
import io.triadwatch.launcher.Ports;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Triadwatch instances on a 1 + 3 broker cluster under load (issue 13 item 2): one is killed
 * with SIGKILL and a fourth joins while events flow; the survivors keep answering dyad queries (a
 * copy that is not the owner's flagged stale, a list never failing whole), the alert stream keeps
 * flowing on them and resumes exactly on another instance with {@code Last-Event-ID}, and the final
 * dyad and triad states equal those of one instance fed the same events.
 * <p>
 * The instances run what {@code run --role analyzer,alerter,api} runs, with its failover settings:
 * one standby, static membership, here a 10 s session timeout. The one that dies is a separate
 * {@code triadwatch run} process. Sizes: {@code -Dtriadwatch.reliability.events} (default 900) at
 * {@code -Dtriadwatch.reliability.rate} events/s (default 30).
 */
@Tag("integration")
class ThreeInstancesIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(ThreeInstancesIntegrationTest.class);
    private static final int EVENTS = Integer.getInteger("triadwatch.reliability.events", 900);
    private static final double RATE = Double.parseDouble(System.getProperty("triadwatch.reliability.rate", "30"));
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration ALERT_PATIENCE = Duration.ofMinutes(1);
    private static final Set<Role> ROLES = EnumSet.of(Role.ANALYZER, Role.ALERTER, Role.API);
    /** Every read as of one time after the last event, so two runs compare. */
    private static final String AT = "2030-01-01T00:00:00Z";
    private static final List<String> DYADS = List.of("CHN-USA", "JPN-KOR", "PRK-RUS", "CHN-RUS", "KOR-USA", "CHN-PRK",
            "JPN-USA", "RUS-USA", "CHN-JPN", "KOR-PRK", "CHN-KOR", "JPN-RUS", "PRK-USA", "JPN-PRK", "KOR-RUS");

    @Test
    void shouldKeepAnsweringAndStreamingWhileAnInstanceIsKilledAndAnotherJoins(@TempDir Path dir) throws Exception {
        // Given a 1 + 3 broker cluster (replication 3, min ISR 2) with the reference data, and three instances
        try (EmbeddedKafkaCluster cluster = ReliabilityCluster.start()) {
            String bootstrap = cluster.bootstrapServers();
            String victimAddress = "127.0.0.1:" + Ports.closed();
            Path victimOut = Files.createDirectories(dir.resolve("c-process"));
            List<ConsumerRecord<String, String>> input;
            Map<String, JsonNode> dyads;
            Map<String, JsonNode> triads;
            try (Instance a = Instance.start(bootstrap, ROLES, dir.resolve("a"), 1, "a");
                 Instance b = Instance.start(bootstrap, ROLES, dir.resolve("b"), 1, "b");
                 CliProcess c = CliProcess.start(victimOut, Map.of("TRIADWATCH_API_TOKEN", Instance.TOKEN), "run",
                         "--role", "analyzer,alerter,api", "--host", "127.0.0.1", "--port", victimAddress.split(":")[1],
                         "--state-dir", dir.resolve("c").toString(), "--instance-name", "c", "--session-timeout", "PT10S",
                         "--kafka-timeout", "PT2M", "--bootstrap-servers", bootstrap)) {
                Awaitility.await("three instances ready").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            assertThat(c.isAlive()).as("c runs: %s", c.err()).isTrue();
                            return a.isReady() && b.isReady() && Http.get(victimAddress, "/ready").ok();
                        });
                SseReader survivorStream = SseReader.open(stream(a.address()), null);
                SseReader victimStream = SseReader.open(stream(victimAddress), null);

                // When events flow, c is killed with SIGKILL once a third of them are sent and it streamed an alert,
                // and d joins once another third are sent; the events go on until d is ready and a third more are sent
                QueryProbe probe = new QueryProbe(List.of(a.address(), b.address()), DYADS, AT).start();
                long killedAt;
                long joinedAt;
                long dReadyAt;
                List<SseReader.Event> beforeKill;
                SseReader movedStream;
                try (SteadyProducer producer = new SteadyProducer(bootstrap, new LoadEvents("three", LoadEvents.ALERTING_STEP), RATE, Long.MAX_VALUE).start()) {
                    await(producer, EVENTS / 3);
                    // Preferably once c streamed an alert, so that the client has an id to resume from; a slow
                    // machine may not get there in time, and the client then resumes from the start.
                    awaitQuietly(ALERT_PATIENCE, () -> victimStream.pending() > 0);
                    killedAt = probe.nowMs();
                    long sentAtKill = producer.sent();
                    c.kill();
                    beforeKill = victimStream.drainAfterEnd(TIMEOUT);
                    movedStream = SseReader.open(stream(a.address()), beforeKill.isEmpty() ? null : beforeKill.get(beforeKill.size() - 1).id());
                    await(producer, sentAtKill + EVENTS / 3);
                    joinedAt = probe.nowMs();
                    try (Instance joined = Instance.start(bootstrap, ROLES, dir.resolve("d"), 1, "d")) {
                        Awaitility.await("d ready").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(joined::isReady);
                        dReadyAt = probe.nowMs();
                        await(producer, producer.sent() + EVENTS / 3);
                        producer.finish();
                        a.app().awaitAnalyzed(TIMEOUT, LOG::info);
                        a.app().awaitAlerted(TIMEOUT, LOG::info);
                        probe.close();

                        // Then the survivors answered throughout: lists always whole or naming what is missing, keys stale-flagged
                        LOG.info("FIGURES three instances: {} events at {}/s; kill at {} ms ({} sent), join at {} ms (ready at {} ms), end at {} ms",
                                producer.sent(), RATE, killedAt, sentAtKill, joinedAt, dReadyAt, probe.nowMs());
                        LOG.info("FIGURES before the kill: {}", probe.summary(0, killedAt));
                        LOG.info("FIGURES from the kill to the join: {}", probe.summary(killedAt, joinedAt));
                        LOG.info("FIGURES from the join on: {}", probe.summary(joinedAt, Long.MAX_VALUE));
                        assertThat(producer.failed()).isZero();
                        assertThat(probe.since(QueryProbe.Kind.LIST, killedAt)).as("list answers after the kill")
                                .anySatisfy(s -> assertThat(s.status()).isEqualTo(200));
                        assertThat(probe.since(QueryProbe.Kind.DYAD, killedAt)).as("dyad answers after the kill")
                                .anySatisfy(s -> assertThat(s.status()).isEqualTo(200));
                        assertThat(probe.since(QueryProbe.Kind.LIST, killedAt)).as("no list fails whole")
                                .allSatisfy(s -> assertThat(s.status()).as(s.toString()).isEqualTo(200));

                        // And every instance serves the same final states once the stale copies caught up
                        dyads = awaitWhole(a.address(), "/api/dyads?limit=1000&at=" + AT, "dyad");
                        triads = awaitWhole(a.address(), "/api/triads?limit=1000", "triad");
                        assertThat(awaitWhole(b.address(), "/api/dyads?limit=1000&at=" + AT, "dyad")).isEqualTo(dyads);
                        assertThat(awaitWhole(joined.address(), "/api/dyads?limit=1000&at=" + AT, "dyad")).isEqualTo(dyads);

                        // And the alert stream flowed on the survivor, and resumed on it exactly where the victim's ended
                        List<JsonNode> alerts = TestConsumers.readCommittedToEnd(bootstrap, Topics.ALERTS.name(), TIMEOUT).stream()
                                .map(r -> Http.json(r.value())).toList();
                        LOG.info("FIGURES alert stream: {} alert records, {} seen on the victim before the kill, {} after resuming on a",
                                alerts.size(), beforeKill.size(), alerts.size() - beforeKill.size());
                        assertThat(alerts).isNotEmpty();
                        assertThat(data(survivorStream.take(alerts.size(), TIMEOUT))).containsExactlyInAnyOrderElementsOf(alerts);
                        List<SseReader.Event> resumed = movedStream.take(alerts.size() - beforeKill.size(), TIMEOUT);
                        List<SseReader.Event> followed = new ArrayList<>(beforeKill);
                        followed.addAll(resumed);
                        assertThat(data(followed)).as("no gap, no duplicate").containsExactlyInAnyOrderElementsOf(alerts);
                        assertThat(survivorStream.pending() + movedStream.pending()).isZero();
                        survivorStream.close();
                        movedStream.close();
                    }
                }
                input = TestConsumers.readCommittedToEnd(bootstrap, Topics.EVENTS.name(), TIMEOUT);
            }
            assertThat(dyads).hasSize(DYADS.size());

            // And one instance fed the same events ends in the same dyad and triad states
            try (EmbeddedKafkaCluster single = EmbeddedKafkaCluster.builder().build().start()) {
                String singleBootstrap = single.bootstrapServers();
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", singleBootstrap))) {
                    new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
                }
                ReliabilityCluster.publishReference(Map.of("bootstrap.servers", singleBootstrap));
                try (Instance solo = Instance.start(singleBootstrap, EnumSet.of(Role.ANALYZER), dir.resolve("solo"), 0, null)) {
                    TestProducers.send(singleBootstrap, input.stream()
                            .map(r -> new ProducerRecord<>(Topics.EVENTS.name(), r.key(), r.value())).toList());
                    solo.app().awaitAnalyzed(TIMEOUT, LOG::info);
                    Map<String, JsonNode> soloDyads = awaitWhole(solo.address(), "/api/dyads?limit=1000&at=" + AT, "dyad");
                    Map<String, JsonNode> soloTriads = awaitWhole(solo.address(), "/api/triads?limit=1000", "triad");
                    assertSameDyads(dyads, soloDyads);
                    assertSameTriads(triads, soloTriads);
                }
            }
        }
    }

    private static void awaitQuietly(Duration patience, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.info("not within {}: going on", patience);
        }
    }

    private static void await(SteadyProducer producer, long sent) {
        Awaitility.await(sent + " events sent").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> producer.sent() >= sent);
    }

    private static URI stream(String address) {
        return URI.create("http://" + address + "/api/alerts/stream");
    }

    /** @return the items of a list once it is fresh and whole (no stale copy, nothing missing), by id */
    private static Map<String, JsonNode> awaitWhole(String address, String path, String idField) {
        Http.Answer answer = Awaitility.await("a fresh, whole " + path + " on " + address).atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> Http.get(address, path), r -> r.ok() && !r.body().has("stale") && !r.body().has("missingPartitions")
                        && !r.body().has("unavailable"));
        Map<String, JsonNode> items = new TreeMap<>();
        answer.body().path("items").forEach(item -> items.put(item.path(idField).asText(), item));
        return items;
    }

    private static void assertSameDyads(Map<String, JsonNode> actual, Map<String, JsonNode> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, want) -> {
            JsonNode got = actual.get(id);
            assertThat(got.path("eventCount").asLong()).as(id + " eventCount").isEqualTo(want.path("eventCount").asLong());
            // the same impulses summed in another order: equal up to rounding
            assertThat(got.path("score").asDouble()).as(id + " score").isCloseTo(want.path("score").asDouble(), within(1e-9));
            assertThat(got.path("rawSum").asDouble()).as(id + " rawSum").isCloseTo(want.path("rawSum").asDouble(), within(1e-9));
            assertThat(got.path("eventScore").asDouble()).as(id + " eventScore").isCloseTo(want.path("eventScore").asDouble(), within(1e-9));
        });
    }

    private static void assertSameTriads(Map<String, JsonNode> actual, Map<String, JsonNode> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, want) -> {
            JsonNode got = actual.get(id);
            assertThat(got.path("signClass").asText()).as(id + " signClass").isEqualTo(want.path("signClass").asText());
            assertThat(got.path("balanced").asBoolean()).as(id + " balanced").isEqualTo(want.path("balanced").asBoolean());
            assertThat(got.path("pivot").asText()).as(id + " pivot").isEqualTo(want.path("pivot").asText());
            for (int i = 0; i < 3; i++) {
                assertThat(got.path("dyads").path(i).path("score").asDouble()).as(id + " dyad " + i)
                        .isCloseTo(want.path("dyads").path(i).path("score").asDouble(), within(1e-9));
            }
        });
    }

    private static List<JsonNode> data(List<SseReader.Event> events) {
        assertThat(events).extracting(SseReader.Event::event).containsOnly("alert");
        return events.stream().map(e -> Http.json(e.data())).toList();
    }

}
