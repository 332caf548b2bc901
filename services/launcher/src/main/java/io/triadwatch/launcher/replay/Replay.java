package io.triadwatch.launcher.replay;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.ingest.reference.ReferencePublisher;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.launcher.input.EventSource;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.TopicSpec;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * A backtest: the real topology on a private embedded broker, fed with historical input, run until
 * every input record is processed (committed offsets, not a sleep), then the final state written
 * to files.
 */
public final class Replay {
    /** Events of files sent at most together before waiting for the analyzer. */
    static final int FILE_PACE = 1_000;
    /** Longest a replay waits for the Streams apps to catch up. */
    static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);

    /**
     * What to replay.
     *
     * @param demo      include the built-in demo timeline, officials, triads and default rules
     * @param events    event sources, read in order
     * @param officials officials files (JSONL)
     * @param triads    triads files (JSONL)
     * @param rules     alert-rule files (JSONL)
     * @param defaultRules the default rules (published with {@code demo})
     * @param until     events after this instant are skipped, or null
     * @param out       the output directory
     * @param workDir   where the embedded broker and Streams state live (deleted by the caller)
     */
    public record Plan(boolean demo, List<EventSource> events, List<Path> officials, List<Path> triads, List<Path> rules,
                       List<String> defaultRules, Instant until, Path out, Path workDir) {
    }

    /**
     * What the replay produced.
     *
     * @param input  what was read and published
     * @param dyads  dyad states written
     * @param triads triad states written
     * @param alerts alert records written
     * @param dlq    dead letters written
     */
    public record Result(IngestSummary input, int dyads, int triads, int alerts, int dlq) {
    }

    private Replay() {
    }

    /** Runs the plan; progress and summaries go to {@code log}. */
    public static Result run(Plan plan, Consumer<String> log) throws IOException, InterruptedException {
        Files.createDirectories(plan.out());
        try (EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().dataDirectory(plan.workDir().resolve("kafka")).build().start()) {
            broker.createCoordinatorTopics();
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                // One partition per topic, and one per internal topic (AppConfig.singleOrder): each stage is one
                // task, so the same input is processed in the same order every time and gives the same alerts.
                new TopicAdmin(admin).ensure(Topics.ALL.stream().map(t -> new TopicSpec(t.name(), 1, t.compacted(), t.key(), t.value())).toList(), (short) 1);
                publishReference(plan, kafka, log);
                IngestSummary input;
                try (TriadwatchApp app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.ANALYZER, Role.ALERTER), kafka, "127.0.0.1", 0,
                        UUID.randomUUID().toString(), plan.workDir().resolve("streams"), "http://localhost:8080", null, null, null, null, Map.of(), true))) {
                    input = publishEvents(plan, app, log);
                    log.accept("input: " + input.describe());
                    app.awaitAnalyzed(CATCH_UP_TIMEOUT, log);
                    app.awaitAlerted(CATCH_UP_TIMEOUT, log);
                }
                TopicDump dump = new TopicDump(kafka);
                return new Result(input,
                        dump.latestPerKey(Topics.DYAD_STATE.name(), plan.out().resolve("dyads.jsonl"), states -> asOfOneTime(states, plan.until())),
                        dump.latestPerKey(Topics.TRIAD_STATE.name(), plan.out().resolve("triads.jsonl")),
                        dump.all(Topics.ALERTS.name(), plan.out().resolve("alerts.jsonl")),
                        dump.deadLetters(Topics.DLQ.name(), plan.out().resolve("dlq.jsonl")));
            }
        }
    }

    /**
     * The dyads as of one time, so that their scores compare (docs/analytic-model.md §3): {@code --until}
     * when given, else the stream time (the newest event time of any dyad).
     */
    static List<String> asOfOneTime(List<String> states, Instant until) {
        List<DyadState> parsed = new ArrayList<>(states.size());
        for (String line : states) {
            try {
                parsed.add(Json.mapper().readValue(line, DyadState.class));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable dyad state on " + Topics.DYAD_STATE.name() + ": " + e.getMessage(), e);
            }
        }
        Instant at = until;
        if (at == null) {
            for (DyadState s : parsed) {
                if (s.asOf() != null && (at == null || s.asOf().isAfter(at))) {
                    at = s.asOf();
                }
            }
        }
        DyadReadings readings = DyadReadings.of(AnalyzerConfig.defaults(), Clock.systemUTC());
        List<String> out = new ArrayList<>(parsed.size());
        for (DyadState s : parsed) {
            out.add(readings.read(s, at).toString());
        }
        return out;
    }

    private static void publishReference(Plan plan, Map<String, Object> kafka, Consumer<String> log) throws IOException {
        try (ReferencePublisher reference = new ReferencePublisher(kafka)) {
            int officials = 0;
            int triads = 0;
            int rules = 0;
            if (plan.demo()) {
                officials += reference.officials(DemoData.lines(DemoData.OFFICIALS), DemoData.OFFICIALS);
                triads += reference.triads(DemoData.lines(DemoData.TRIADS), DemoData.TRIADS);
                rules += plan.defaultRules().isEmpty() ? 0 : reference.rules(plan.defaultRules(), "default rules");
            }
            for (Path file : plan.officials()) {
                officials += reference.officials(Files.readAllLines(file), file.toString());
            }
            for (Path file : plan.triads()) {
                triads += reference.triads(Files.readAllLines(file), file.toString());
            }
            for (Path file : plan.rules()) {
                rules += reference.rules(Files.readAllLines(file), file.toString());
            }
            log.accept("reference data: " + officials + " official versions, " + triads + " triads, " + rules + " alert rules");
        }
    }

    /**
     * Publishes every input in event-time order (all sources merged, sorted stably by
     * {@code occurredAt}), in paces of at most the analyzer's grace period of event time and at most
     * {@value #FILE_PACE} events (the demo timeline alone: one event, as the live demo plays it), each
     * waiting for the analyzer's exact catch-up before the next. Events of one pace reach a dyad in
     * any order, all within the grace period, so files in any order, or combined, lose nothing as
     * {@code LATE}; the analyzer measures each event's move at its own time against what it has
     * applied (docs/analytic-model.md §5).
     */
    private static IngestSummary publishEvents(Plan plan, TriadwatchApp app, Consumer<String> log) throws IOException {
        int pace = plan.events().isEmpty() ? 1 : FILE_PACE;
        IngestRun run = new IngestRun(app.publisher(), "replay", log).until(plan.until())
                .inEventTimeOrder(AppConfig.DEFAULT_GRACE, pace, analyzed(app));
        if (plan.demo()) {
            EventSource.demo().feed(run, log);
        }
        for (EventSource source : plan.events()) {
            source.feed(run, log);
        }
        return run.finish();
    }

    /** @return a barrier that waits until {@code app}'s analyzer has processed everything sent */
    public static Runnable analyzed(TriadwatchApp app) {
        return () -> {
            try {
                app.awaitPaced(CATCH_UP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the input", e);
            }
        };
    }
}
