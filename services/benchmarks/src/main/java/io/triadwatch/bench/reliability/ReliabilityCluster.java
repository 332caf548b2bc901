package io.triadwatch.bench.reliability;

import java.util.Arrays;
import io.triadwatch.bench.scaling.RemoteMeters;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.bench.mix.EventTemplate;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import io.triadwatch.streams.CatchUp;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * An in-JVM broker with Triadwatch's topics, the demo's reference data and the default rules: the
 * stage on which the reliability runs start the analyzer and the alerter as separate processes.
 * Also publishes uniquely identified events and waits until both applications have caught up.
 */
public final class ReliabilityCluster implements AutoCloseable {
    private final EmbeddedKafkaCluster broker;
    private final Map<String, Object> kafka;
    private final Admin admin;
    private final Consumer<String> log;

    private ReliabilityCluster(EmbeddedKafkaCluster broker, Consumer<String> log) {
        this.broker = broker;
        this.kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
        this.admin = Admin.create(kafka);
        this.log = log;
    }

    /**
     * Starts a broker on {@code dir}, creates the topics and publishes the reference data and rules.
     *
     * @param log receives progress lines
     */
    public static ReliabilityCluster start(Path dir, Consumer<String> log) {
        EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().dataDirectory(dir.resolve("kafka")).build().start();
        ReliabilityCluster cluster = new ReliabilityCluster(broker, log);
        try {
            TopicAdmin.TopicReport report = new TopicAdmin(cluster.admin).ensure(Topics.ALL, (short) 1);
            report.problems().forEach(p -> log.accept("topic problem: " + p));
            try (EventPublisher publisher = new EventPublisher(cluster.kafka, new SimpleMeterRegistry(), 1024)) {
                // The demo's officials and triads give the generated events watched triads and ranks;
                // its 35 timeline events are published too (barrier: none), uniquely identified like the rest.
                DemoData.publish(cluster.kafka, publisher, List.copyOf(DefaultRules.json().values()), () -> { }, log);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the broker's bootstrap servers */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * {@code count} events cloned from the demo timeline with ids {@code reliability-0 ...} and event
     * times 20 minutes apart from {@code start}, the template picked by a seeded random: the same
     * arguments give the same events.
     *
     * @return the events, in publication order
     */
    public static List<Event> events(int count, long seed, Instant start) {
        List<EventTemplate> templates = DemoData.lines(DemoData.EVENTS).stream()
                .map(line -> EventTemplate.of("demo", readObject(line))).toList();
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] json = templates.get(random.nextInt(templates.size()))
                    .render("reliability-" + i, start.plus(Duration.ofMinutes(20L * i)).toString());
            Decoded<Event> decoded = Codecs.events().decode(json);
            if (!decoded.accepted()) {
                throw new IllegalStateException("generated event " + i + " is invalid: " + decoded.rejection() + " "
                        + new String(json, StandardCharsets.UTF_8));
            }
            events.add(decoded.value());
        }
        return events;
    }

    private static ObjectNode readObject(String line) {
        try {
            return (ObjectNode) Json.mapper().readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("demo timeline line is not JSON: " + line, e);
        }
    }

    /**
     * Publishes events (acknowledged by the broker before it returns), {@code perSecond} at most so
     * that the kills land while the applications are busy.
     */
    public void publish(List<Event> events, int perSecond) throws InterruptedException {
        long started = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(kafka, new SimpleMeterRegistry(), 1024)) {
            List<CompletableFuture<EventPublisher.Outcome>> sent = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                sent.add(publisher.publish(events.get(i), "reliability"));
                long due = started + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            publisher.flush();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        }
    }

    /**
     * Waits until the analyzer and the alerter have processed everything on the cluster: both
     * consumer groups caught up with their inputs and repartition topics, and {@code processes} hold
     * nothing back that no offset shows (the analyzer's ordering stages release the last events about
     * a second after their input stops; the alerter's context gate releases a dyad state when its
     * triad readings arrive or its timeout runs out), read from their {@code /metrics}. Twice, since
     * what the analyzer releases last reaches the alerter after it.
     *
     * @param processes the running analyzer and alerter processes (a frozen one would never answer)
     */
    public void awaitCaughtUp(Duration timeout, RoleProcess... processes) throws InterruptedException {
        CatchUp catchUp = new CatchUp(admin, log);
        List<String> analyzerIn = catchUp.withRepartitionTopics(AnalyzerConfig.DEFAULT_APPLICATION_ID, List.of(Topics.EVENTS.name()));
        List<String> alerterIn = catchUp.withRepartitionTopics(AlerterConfig.DEFAULT_APPLICATION_ID,
                List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()));
        MeterRegistry[] meters = Arrays.stream(processes).map(p -> RemoteMeters.of(p.port())).toArray(MeterRegistry[]::new);
        for (int round = 0; round < 2; round++) {
            AnalyzerCatchUp.awaitDrained(catchUp, AnalyzerConfig.DEFAULT_APPLICATION_ID, analyzerIn, timeout, () -> null, meters);
            catchUp.await(AlerterConfig.DEFAULT_APPLICATION_ID, alerterIn, timeout, () -> null, () -> AlerterMetrics.drained(meters));
        }
    }

    /** @return what the applications committed */
    public PipelineOutput output() {
        return PipelineOutput.read(bootstrapServers());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
