package io.triadwatch.bench.e2e;


import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.bench.mix.SharedData;
import io.triadwatch.ingest.reference.ReferencePublisher;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import io.triadwatch.streams.CatchUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The end-to-end load driver: one in-JVM broker, N real-mix events, and in the same run the raw
 * consumer, a minimal exactly-once Streams app and Triadwatch's analyzer + alerter over them, then
 * latency at a fixed offered rate, then (optionally) the demo's readiness. Prints a table and writes
 * {@code docs/benchmarks.md}. Exit code 0 when the run completed (whatever the numbers), 1 on failure.
 */
@Command(name = "triadwatch-bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmark of Triadwatch against a raw consumer and a minimal exactly-once Streams app, on one embedded broker.")
public final class LoadDriver implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "1000000", description = "Events N written once and processed by every pipeline (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", defaultValue = "2000", description = "Offered events/s of the latency run (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--latency-seconds", defaultValue = "30", description = "Duration of the latency run; 0 skips it (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "The Markdown page to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jmh-results", description = "A JMH JSON result file to include in the page.")
    Path jmhResults;

    @Option(names = "--shared-data", description = "The shared real-data directory (default: found from ../shared/data).")
    Path sharedData;

    @Option(names = "--mix", description = "Source weights in percent, e.g. icews=64,gdelt=30,demo=5,unsc-votes=0.8,unsc-vetoes=0.2 (the default).")
    String mix;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mix's source choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pipeline", defaultValue = "auto", description = "auto, app (TriadwatchApp) or direct (AnalyzerService + AlerterService) (default ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--timeout-seconds", defaultValue = "150", description = "Longest wait for Triadwatch to process N; beyond it the partial rate is reported (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--drain-seconds", defaultValue = "30", description = "Longest wait after the latency run's offering for the outputs of its events (default ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(names = "--demo-jar", description = "services/launcher/target/triadwatch.jar: measure the demo's readiness by running it.")
    Path demoJar;

    @Option(names = "--streams", split = ",", description = "Kafka Streams settings of the analyzer and the alerter, over Triadwatch's defaults, e.g. commit.interval.ms=100,max.task.idle.ms=5000 (to measure a setting against the defaults).")
    Map<String, String> streams = new java.util.LinkedHashMap<>();

    @Option(names = "--compare-streams", split = ",", description = "After the latency runs, one more at the rate of the last one with these Kafka Streams settings over --streams (e.g. the settings before a change: max.task.idle.ms=5000,main.consumer.fetch.max.wait.ms=500), so both are measured under the same load.")
    Map<String, String> compareStreams = new java.util.LinkedHashMap<>();

    @Option(names = "--no-profile", description = "Do not record a JFR profile of the Triadwatch phase.")
    boolean noProfile;

    @Option(names = "--work-dir", description = "Where the broker, the Streams state and the JFR recording go (default: a new temporary directory, deleted unless --keep).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the work directory (the JFR recording is in it).")
    boolean keep;

    /** Share of the measured throughput offered in the second latency run when the first one overloads the pipeline. */
    static final double SUSTAINABLE_SHARE = 0.3;
    private static final String SUSTAINABLE_PHASE = "latency run, sustainable rate";

    private final Progress progress = new Progress(System.out);
    private LogTally logs;

    /** Runs the driver and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the driver and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new LoadDriver()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        logs = LogTally.install();
        String loadBefore = MachineInfo.loadAverage();
        MachineInfo machine = MachineInfo.read();
        progress.accept(String.format(java.util.Locale.ROOT, "machine: %d processors, %.1f GiB, %s; %s; load %s", machine.processors(), machine.memoryGiB(),
                machine.cpuModel(), machine.java(), loadBefore));
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("triadwatch-bench-") : Files.createDirectories(workDir);
        try {
            RunResults results = measure(started, t0, loadBefore, machine, work);
            Report report = new Report(results);
            progress.raw(report.console());
            report.write(out);
            progress.accept("wrote " + out.toAbsolutePath());
            return 0;
        } finally {
            if (temporary && !keep) {
                deleteQuietly(work);
            } else {
                progress.accept("work directory kept: " + work);
            }
        }
    }

    /** What the phases fill in, in order. */
    private static final class Collected {
        EventLoader.Loaded loaded;
        int partitions;
        RawConsumerBaseline.Result raw;
        RunResults.PhaseStats rawStats;
        CatchUpTimer.Result minimal;
        RunResults.PhaseStats minimalStats;
        Map<String, Map<String, Double>> streamsStats = new java.util.LinkedHashMap<>();
        Map<String, Map<String, Long>> logs = new java.util.LinkedHashMap<>();
        Map<String, Long> topicBytes = Map.of();
        String mode;
        CatchUpTimer.Result analyzer;
        CatchUpTimer.Result alerter;
        long alerterLagAtLimit = -1;
        double alerterShare = 1;
        RunResults.PhaseStats pipelineStats;
        RunResults.Counts counts;
        CpuProfile.Summary profile;
        CpuProfile.Summary profileSustainable;
        boolean backlogSkipped;
        LatencyRun.Result latency;
        LatencyRun.Result latencySustainable;
        LatencyRun.Result latencyCompared;
        RunResults.PhaseStats latencyStats;
        DemoReadiness.Result demo;
        /** The first demo run, in a cold JVM without a class-data archive. */
        DemoReadiness.Result demoCold;
        String demoNote;

        boolean complete() {
            return alerter != null && alerter.caughtUp();
        }
    }

    private RunResults measure(Instant started, long t0, String loadBefore, MachineInfo machine, Path work) throws Exception {
        Path data = sharedData != null ? sharedData : SharedData.locate();
        progress.accept("shared data: " + (data == null ? "not found; the mix is the demo timeline only" : data));
        EventMix eventMix = EventMix.load(data, mix == null ? EventMix.DEFAULT_WEIGHTS : EventMix.parseWeights(mix), progress);
        EventStream stream = new EventStream(eventMix, seed);
        List<JmhResults.Result> jmh = jmhResults != null && Files.exists(jmhResults) ? JmhResults.read(jmhResults) : List.of();
        Collected c = new Collected();
        try (EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().dataDirectory(work.resolve("kafka")).build().start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            progress.accept("broker: embedded KRaft broker at " + broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                prepareTopics(admin, kafka, c);
                progress.accept(String.format(Locale.ROOT, "load: writing %,d events to %s", events, Topics.EVENTS.name()));
                c.loaded = EventLoader.load(kafka, stream, events, progress);
                progress.accept(String.format(Locale.ROOT, "load: %,d events (%,d bytes) in %.1f s (%,.0f/s)", c.loaded.events(), c.loaded.bytes(), c.loaded.seconds(), c.loaded.rate()));
                rawConsumer(kafka, admin, c);
                minimalStreamsApp(kafka, admin, work, c);
                triadwatch(kafka, admin, work, c);
                if (latencySeconds > 0) {
                    latency(kafka, admin, work, stream, c);
                }
            }
        }
        demoReadiness(work, c);
        double total = (System.nanoTime() - t0) / 1e9;
        RunResults.Settings settings = new RunResults.Settings(events, rate, latencySeconds, drainSeconds, c.partitions, seed, timeoutSeconds, MachineInfo.jvmArguments(), Map.copyOf(streams), Map.copyOf(compareStreams));
        return new RunResults(machine, loadBefore, MachineInfo.loadAverage(), started, total, settings, eventMix, c.loaded, c.raw, c.rawStats, c.minimal, c.minimalStats,
                c.mode, c.analyzer, c.alerter, c.alerterLagAtLimit, c.alerterShare, c.pipelineStats, c.counts, c.streamsStats, c.logs, c.topicBytes, c.profile, c.profileSustainable, c.backlogSkipped, c.latency, c.latencySustainable, c.latencyCompared, c.latencyStats,
                c.demo, c.demoCold, c.demoNote, jmh);
    }

    private void prepareTopics(Admin admin, Map<String, Object> kafka, Collected c) {
        new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
        Offsets.get(admin.createTopics(List.of(new NewTopic(MinimalStreamsApp.OUTPUT, Topics.EVENTS.partitions(), (short) 1))).all());
        c.partitions = Offsets.get(admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames()).get(Topics.EVENTS.name()).partitions().size();
        publishReference(kafka, progress);
    }

    private void rawConsumer(Map<String, Object> kafka, Admin admin, Collected c) {
        progress.accept("baseline 1: raw consumer");
        ThreadCpu cpu = phaseStart();
        c.raw = RawConsumerBaseline.run(kafka, new Offsets(admin).ends(List.of(Topics.EVENTS.name())), progress);
        c.rawStats = RunResults.PhaseStats.end(cpu);
        c.logs.put("raw consumer", logs.drain());
        progress.accept(String.format(Locale.ROOT, "baseline 1: %,d records in %.2f s = %,.0f records/s", c.raw.records(), c.raw.seconds(), c.raw.rate()));
    }

    private void minimalStreamsApp(Map<String, Object> kafka, Admin admin, Path work, Collected c) throws InterruptedException {
        progress.accept("baseline 2: minimal Streams app (count by key, exactly_once_v2)");
        ThreadCpu cpu = phaseStart();
        try (MinimalStreamsApp app = new MinimalStreamsApp(kafka, work.resolve("streams-minimal"), UUID.randomUUID().toString().substring(0, 8))) {
            long start = System.nanoTime();
            app.start();
            c.minimal = new CatchUpTimer(admin, progress).await(app.applicationId(), List.of(Topics.EVENTS.name()), start, 0, Duration.ofMinutes(10));
            c.streamsStats.put("minimal Streams app", StreamsStats.snapshot(app.applicationId()));
            c.minimalStats = RunResults.PhaseStats.end(cpu);
        }
        c.logs.put("minimal Streams app", logs.drain());
        progress.accept(String.format(Locale.ROOT, "baseline 2: %,d records in %.1f s = %,.0f records/s (steady %,.0f/s after the first commit at %.1f s)",
                c.minimal.processed(), c.minimal.seconds(), c.minimal.rate(), c.minimal.steadyRate(), c.minimal.firstCommit()));
    }

    private void triadwatch(Map<String, Object> kafka, Admin admin, Path work, Collected c) throws Exception {
        progress.accept("Triadwatch: analyzer + alerter over the same events");
        ThreadCpu cpu = phaseStart();
        CatchUpTimer timer = new CatchUpTimer(admin, progress);
        CpuProfile recording = noProfile ? null : new CpuProfile(work.resolve("triadwatch-throughput.jfr"));
        try (TriadwatchPipeline tw = TriadwatchPipeline.start(pipeline, kafka, streams, work.resolve("streams-triadwatch"), progress)) {
            long start = System.nanoTime();
            c.mode = tw.mode();
            Duration limit = Duration.ofSeconds(timeoutSeconds);
            c.analyzer = timer.await(tw.analyzerId(), List.of(Topics.EVENTS.name(), Topics.TRIADS.name()), start, 0, limit);
            if (c.analyzer.caughtUp()) {
                // The coded buckets the intake still holds are flushed by a punctuation, tied to no input offset:
                // the alerter's time below counts them (AnalyzerCatchUp, docs/analytic-model.md §3.3).
                AnalyzerCatchUp.await(new CatchUp(admin, progress), tw.analyzerId(), List.of(Topics.EVENTS.name(), Topics.TRIADS.name()),
                        limit.minusNanos(System.nanoTime() - start), () -> null, tw.registry());
            }
            progress.accept(String.format(Locale.ROOT, "Triadwatch: analyzer %s after %.1f s (%,d events, %,.0f events/s)",
                    c.analyzer.caughtUp() ? "caught up" : "stopped by the time limit", c.analyzer.seconds(), c.analyzer.processed(), c.analyzer.rate()));
            if (c.analyzer.caughtUp()) {
                Duration left = limit.minusNanos(System.nanoTime() - start);
                c.alerter = timer.await(tw.alerterId(), List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()), start, 0,
                        left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
                progress.accept(String.format(Locale.ROOT, "Triadwatch: alerter %s after %.1f s from the start",
                        c.alerter.caughtUp() ? "caught up" : "stopped by the time limit", c.alerter.seconds()));
            }
            if (!c.complete()) {
                Offsets offsets = new Offsets(admin);
                long produced = offsets.endSum(List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()));
                c.alerterLagAtLimit = alerterLag(offsets, tw.alerterId());
                c.alerterShare = produced <= 0 || c.alerterLagAtLimit < 0 ? 1 : Math.max(0, produced - c.alerterLagAtLimit) / (double) produced;
                progress.accept(String.format(Locale.ROOT, "Triadwatch: at the time limit the alerter had %,d of %,d state records still to process",
                        c.alerterLagAtLimit, produced));
            }
            c.topicBytes = LogSizes.byTopic(admin);
            c.streamsStats.put("analyzer", StreamsStats.snapshot(tw.analyzerId()));
            c.streamsStats.put("alerter", StreamsStats.snapshot(tw.alerterId()));
            if (recording != null) {
                c.profile = recording.stop();
            }
            c.pipelineStats = RunResults.PhaseStats.end(cpu);
            c.logs.put("Triadwatch throughput", logs.drain());
            c.counts = new RunResults.Counts(tw.count("triadwatch.analyzer.events.in"), tw.count("triadwatch.analyzer.events.processed"),
                    tw.count("triadwatch.analyzer.impulses"), tw.countBy("triadwatch.analyzer.dlq", "reason"),
                    tw.count("triadwatch.alerts.fired"), tw.count("triadwatch.alerts.resolved"));
            progress.accept(String.format(Locale.ROOT, "Triadwatch: %,.0f events in, %,.0f impulses, DLQ %s, alerts fired %,.0f",
                    c.counts.eventsIn(), c.counts.impulses(), c.counts.dlq(), c.counts.fired()));
        } finally {
            if (recording != null) {
                recording.close();
            }
        }
    }

    private void latency(Map<String, Object> kafka, Admin admin, Path work, EventStream stream, Collected c) throws Exception {
        c.latency = latencyAt(kafka, admin, work, stream, c, rate, latencySeconds, "latency run");
        double sustainable = Math.floor(c.analyzer.steadyRate() * SUSTAINABLE_SHARE / 10) * 10;
        if (!c.latency.keptUp() && sustainable >= 10) {
            progress.accept(String.format(Locale.ROOT, "latency: %,.0f events/s is beyond what the pipeline sustains; measuring again at %,.0f events/s (%.0f%% of its measured rate)",
                    rate, sustainable, 100 * SUSTAINABLE_SHARE));
            c.latencySustainable = latencyAt(kafka, admin, work, stream, c, sustainable, Math.max(5, latencySeconds / 2), SUSTAINABLE_PHASE);
        }
        if (!compareStreams.isEmpty()) {
            LatencyRun.Result last = c.latencySustainable != null ? c.latencySustainable : c.latency;
            Map<String, String> compared = new java.util.LinkedHashMap<>(streams);
            compared.putAll(compareStreams);
            progress.accept("latency: the same rate again with the compared Streams settings " + compareStreams);
            c.latencyCompared = latencyAt(kafka, admin, work, stream, c, last.rate(),
                    c.latencySustainable != null ? Math.max(5, latencySeconds / 2) : latencySeconds, "latency run, compared settings", compared);
        }
    }

    private LatencyRun.Result latencyAt(Map<String, Object> kafka, Admin admin, Path work, EventStream stream, Collected c,
                                        double offered, int seconds, String phase) throws InterruptedException, IOException, java.text.ParseException {
        return latencyAt(kafka, admin, work, stream, c, offered, seconds, phase, streams);
    }

    private LatencyRun.Result latencyAt(Map<String, Object> kafka, Admin admin, Path work, EventStream stream, Collected c,
                                        double offered, int seconds, String phase, Map<String, String> settings)
            throws InterruptedException, IOException, java.text.ParseException {
        CatchUpTimer timer = new CatchUpTimer(admin, progress);
        if (backlog(admin)) {
            progress.accept("latency: skipping the backlog left by the previous phase (offsets to the end, state kept) before restarting Triadwatch");
            BacklogSkip.toEnd(admin, AnalyzerConfig.DEFAULT_APPLICATION_ID, List.of(Topics.EVENTS.name(), Topics.TRIADS.name()), Duration.ofSeconds(90), progress);
            BacklogSkip.toEnd(admin, AlerterConfig.DEFAULT_APPLICATION_ID, List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()), Duration.ofSeconds(90), progress);
            c.backlogSkipped = true;
        }
        try (TriadwatchPipeline tw = TriadwatchPipeline.start(c.mode, kafka, settings, work.resolve("streams-triadwatch"), progress)) {
            long start = System.nanoTime();
            timer.await(tw.analyzerId(), List.of(Topics.EVENTS.name(), Topics.TRIADS.name()), start, 0, Duration.ofSeconds(60));
            timer.await(tw.alerterId(), List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()), start, 0, Duration.ofSeconds(60));
            progress.accept(String.format(Locale.ROOT, "latency: Triadwatch (re)started and caught up in %.1f s; offering %,.0f events/s for %d s",
                    (System.nanoTime() - start) / 1e9, offered, seconds));
            ThreadCpu cpu = phaseStart();
            CpuProfile recording = noProfile || !phase.equals(SUSTAINABLE_PHASE) ? null : new CpuProfile(work.resolve("triadwatch-sustainable.jfr"));
            LatencyRun.Result result;
            try {
                result = LatencyRun.run(kafka, admin, stream, offered, Duration.ofSeconds(seconds), Duration.ofSeconds(drainSeconds),
                        tw.analyzerId(), tw.alerterId(), progress);
                if (recording != null) {
                    c.profileSustainable = recording.stop();
                }
            } finally {
                if (recording != null) {
                    recording.close();
                }
            }
            if (c.latencyStats == null) {
                c.latencyStats = RunResults.PhaseStats.end(cpu);
            }
            c.streamsStats.put("analyzer, " + phase, StreamsStats.snapshot(tw.analyzerId()));
            c.streamsStats.put("alerter, " + phase, StreamsStats.snapshot(tw.alerterId()));
            c.logs.put(phase, logs.drain());
            return result;
        }
    }

    /** @return true when the analyzer or the alerter has input left to process */
    private static boolean backlog(Admin admin) {
        Offsets offsets = new Offsets(admin);
        return lag(offsets, AnalyzerConfig.DEFAULT_APPLICATION_ID, List.of(Topics.EVENTS.name())) > 0
                || lag(offsets, AlerterConfig.DEFAULT_APPLICATION_ID, List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name())) > 0;
    }

    private static long lag(Offsets offsets, String group, List<String> topics) {
        Map<org.apache.kafka.common.TopicPartition, Long> ends = offsets.ends(topics);
        return ends.values().stream().mapToLong(Long::longValue).sum() - offsets.committedSum(group, ends);
    }

    private void demoReadiness(Path work, Collected c) throws IOException, InterruptedException {
        if (demoJar != null && Files.isRegularFile(demoJar)) {
            progress.accept("demo readiness: starting " + demoJar);
            DemoReadiness.Runs runs = DemoReadiness.measureColdThenArchived(demoJar, work, Duration.ofSeconds(90), progress);
            c.demoCold = runs.cold();
            c.demo = runs.archived();
            if (c.demo == null) {
                c.demoNote = "the class-data archive could not be written (java -Xshare:dump failed), so only the cold run was measured";
            }
            DemoReadiness.Result shown = c.demo != null ? c.demo : c.demoCold;
            progress.accept("demo readiness: first alert " + Report.secs(shown.firstAlert()) + (c.demo != null ? " from the class-data archive" : " in a cold JVM")
                    + (shown.note().isEmpty() ? "" : " (" + shown.note() + ")"));
        } else {
            c.demoNote = demoJar == null ? "no --demo-jar given" : demoJar + " does not exist";
        }
    }

    private static long alerterLag(Offsets offsets, String group) {
        try {
            return lag(offsets, group, List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private ThreadCpu phaseStart() {
        logs.drain();
        System.gc();
        Memory.resetPeakHeap();
        return new ThreadCpu();
    }

    /** Publishes the demo's officials, watched triads and default alert rules, as every run of the pipeline needs them. */
    public static void publishReference(Map<String, Object> kafka, Progress progress) {
        try (ReferencePublisher reference = new ReferencePublisher(kafka)) {
            int officials = reference.officials(DemoData.lines(DemoData.OFFICIALS), DemoData.OFFICIALS);
            int triads = reference.triads(DemoData.lines(DemoData.TRIADS), DemoData.TRIADS);
            int rules = reference.rules(new ArrayList<>(DefaultRules.json().values()), DefaultRules.RESOURCE);
            progress.accept("reference data: " + officials + " official versions, " + triads + " watched triads, " + rules + " alert rules (the demo's)");
        }
    }

    /** Deletes a work directory; a failure is reported on standard error, never thrown. */
    public static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
