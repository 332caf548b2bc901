package io.triadwatch.bench.reliability;

import io.triadwatch.model.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The exactly-once runs after Kafka's own system tests, at small scale, with the analyzer and the
 * alerter as separate {@code triadwatch run} processes on an in-JVM broker:
 * <ul>
 *   <li>{@link #uninterrupted}: the reference run;</li>
 *   <li>{@link #sigkill} (after {@code streams_eos_test.py}): each process killed with SIGKILL at
 *       random moments while events arrive, and restarted;</li>
 *   <li>{@link #zombie}: an analyzer frozen with SIGSTOP past its transaction timeout, a replacement
 *       takes its tasks, then the frozen one is thawed with SIGCONT;</li>
 *   <li>{@link #atLeastOnce}: the SIGKILL run without transactions, the negative control.</li>
 * </ul>
 * Each returns what was committed ({@link PipelineOutput}); the caller compares it with the
 * reference run ({@link PipelineOutput#differences}) and looks for duplicates
 * ({@link PipelineOutput#duplicates}). {@link #main} runs all four and prints the figures.
 */
public final class ReliabilityRuns {
    /** The session timeout of the processes: how long a killed or frozen static member keeps its tasks. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** The zombie run's {@code transaction.timeout.ms}: the broker aborts a frozen process's transaction after it. */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(5);
    /** How long a run waits for the processes to work off their input unless told otherwise. */
    static final Duration DEFAULT_CATCH_UP = Duration.ofMinutes(10);
    private static final Instant START = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS);

    private final Path dir;
    private final Consumer<String> log;
    private final java.util.Map<String, String> alerterSettings;
    private Duration catchUp = DEFAULT_CATCH_UP;

    /**
     * @param dir where brokers, state directories and process logs go (one sub-directory per run)
     * @param log receives progress lines
     */
    public ReliabilityRuns(Path dir, Consumer<String> log) {
        this(dir, log, java.util.Map.of());
    }

    /**
     * @param alerterSettings Kafka Streams settings for every alerter process, over its own (to measure a
     *                        setting's effect on the alerts, e.g. {@code max.task.idle.ms})
     */
    public ReliabilityRuns(Path dir, Consumer<String> log, java.util.Map<String, String> alerterSettings) {
        this.dir = dir;
        this.log = log;
        this.alerterSettings = java.util.Map.copyOf(alerterSettings);
    }

    /**
     * @param limit how long each run waits for the processes to work off their input before it fails
     *              (the at-least-once control reprocesses what a kill left uncommitted, so it has the most)
     * @return these runs
     */
    public ReliabilityRuns withCatchUp(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("catch-up limit must be positive, got " + limit);
        }
        catchUp = limit;
        return this;
    }

    /** What a run committed, and what happened to its processes. */
    public record Run(PipelineOutput output, int kills, List<Duration> readyAfterRestart, String notes) {
    }

    /**
     * The events of every run: {@code count} events cloned from the demo timeline, 20 minutes apart,
     * ending a few days ago (inside any event-time window around the wall clock).
     */
    public static List<Event> events(int count, long seed) {
        Instant start = START.minus(Duration.ofMinutes(20L * count));
        return ReliabilityCluster.events(count, seed, start);
    }

    /** The reference run: both processes start, the events arrive at {@code perSecond}, nothing fails. */
    public Run uninterrupted(List<Event> events, int perSecond) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("uninterrupted"));
        try (ReliabilityCluster cluster = ReliabilityCluster.start(runDir, log);
             RoleProcess analyzer = role("analyzer", "analyzer-1", cluster, runDir, null);
             RoleProcess alerter = role("alerter", "alerter-1", cluster, runDir, null)) {
            awaitReady(analyzer, alerter);
            cluster.publish(events, perSecond);
            cluster.awaitCaughtUp(catchUp, analyzer, alerter);
            return new Run(cluster.output(), 0, List.of(), "");
        }
    }

    /**
     * Kills each process {@code killsPerProcess} times with SIGKILL at random moments while the
     * events arrive (each time once it is ready again), restarting it at once on its state directory.
     */
    public Run sigkill(List<Event> events, int perSecond, int killsPerProcess, long seed) throws Exception {
        return sigkill("sigkill", null, events, perSecond, killsPerProcess, seed);
    }

    /**
     * The negative control: {@link #sigkill} with both processes at {@code processing.guarantee=at_least_once}.
     * Records processed since the last commit are processed again after each kill, so the checker
     * should report duplicates or differences here; if it finds none, it could not have found them in
     * the exactly-once run either (or the kills missed every uncommitted window: more kills, higher rate).
     */
    public Run atLeastOnce(List<Event> events, int perSecond, int killsPerProcess, long seed) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("at-least-once"));
        Path kafkaConfig = runDir.resolve("client.properties");
        Files.writeString(kafkaConfig, "processing.guarantee=at_least_once\n");
        return sigkill("at-least-once", kafkaConfig, events, perSecond, killsPerProcess, seed);
    }

    private Run sigkill(String name, Path kafkaConfig, List<Event> events, int perSecond, int killsPerProcess, long seed) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name));
        Random random = new Random(seed);
        List<Duration> readyAfter = new ArrayList<>();
        try (ReliabilityCluster cluster = ReliabilityCluster.start(runDir, log);
             RoleProcess analyzer = role("analyzer", "analyzer-1", cluster, runDir, kafkaConfig);
             RoleProcess alerter = role("alerter", "alerter-1", cluster, runDir, kafkaConfig)) {
            awaitReady(analyzer, alerter);
            long publishMillis = events.size() * 1000L / perSecond;
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(cluster, events, perSecond));
            List<RoleProcess> victims = new ArrayList<>();
            for (int i = 0; i < killsPerProcess; i++) {
                victims.add(analyzer);
                victims.add(alerter);
            }
            java.util.Collections.shuffle(victims, random);
            long gap = publishMillis / (victims.size() + 1);
            for (RoleProcess victim : victims) {
                Thread.sleep(gap / 2 + (long) (random.nextDouble() * gap));
                await(victim.name() + " ready before its kill", victim::ready);
                victim.kill();
                long killedAt = System.nanoTime();
                log.accept("SIGKILL " + victim.name() + " (start " + victim.starts() + ")");
                victim.restart();
                await(victim.name() + " ready after its restart", victim::ready);
                Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
                readyAfter.add(took);
                log.accept(victim.name() + " ready again " + took.toMillis() + " ms after SIGKILL");
            }
            publishing.join();
            cluster.awaitCaughtUp(catchUp, analyzer, alerter);
            return new Run(cluster.output(), victims.size(), readyAfter, "");
        }
    }

    /**
     * Freezes the analyzer with SIGSTOP while events arrive, for longer than its transaction timeout
     * and its session timeout, starts a replacement that takes its tasks, then thaws it with SIGCONT
     * and lets it run on. The notes say what became of the zombie.
     */
    public Run zombie(List<Event> events, int perSecond) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("zombie"));
        Path kafkaConfig = runDir.resolve("client.properties");
        Files.writeString(kafkaConfig, "transaction.timeout.ms=" + TRANSACTION_TIMEOUT.toMillis() + "\n");
        List<Event> first = events.subList(0, events.size() / 2);
        List<Event> second = events.subList(events.size() / 2, events.size());
        try (ReliabilityCluster cluster = ReliabilityCluster.start(runDir, log);
             RoleProcess zombie = role("analyzer", "analyzer-a", cluster, runDir, kafkaConfig);
             RoleProcess alerter = role("alerter", "alerter-1", cluster, runDir, null)) {
            awaitReady(zombie, alerter);
            cluster.publish(first, perSecond);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(cluster, second, perSecond));
            Thread.sleep(second.size() * 250L / perSecond);
            zombie.freeze();
            long frozenAt = System.nanoTime();
            log.accept("SIGSTOP analyzer-a");
            try (RoleProcess replacement = role("analyzer", "analyzer-b", cluster, runDir, kafkaConfig)) {
                Duration frozenFor = SESSION_TIMEOUT.plus(TRANSACTION_TIMEOUT).plusSeconds(5);
                await("the replacement to be ready and the zombie frozen for " + frozenFor,
                        () -> replacement.ready() && System.nanoTime() - frozenAt > frozenFor.toNanos());
                publishing.join();
                cluster.awaitCaughtUp(catchUp, replacement, alerter);
                log.accept("caught up without analyzer-a; SIGCONT analyzer-a after "
                        + Duration.ofNanos(System.nanoTime() - frozenAt).toSeconds() + " s frozen");
                zombie.thaw();
                // Long enough for the thawed process to try to commit, be fenced, and rejoin or stop.
                Thread.sleep(SESSION_TIMEOUT.plus(TRANSACTION_TIMEOUT).toMillis() * 2);
                await("the zombie to rejoin (ready) or to have stopped", () -> !zombie.alive() || zombie.ready());
                cluster.awaitCaughtUp(catchUp, zombie.alive() ? new RoleProcess[] {zombie, replacement, alerter} : new RoleProcess[] {replacement, alerter});
                String fate = zombie.alive() ? "analyzer-a rejoined the group (ready)" : "analyzer-a exited with " + zombie.exitValue();
                return new Run(cluster.output(), 0, List.of(), fate + "; fencing in its log: " + fencing(zombie.log()));
            }
        }
    }

    /** @return the fencing errors a process logged, by name, or "none" */
    static String fencing(String log) {
        List<String> seen = new ArrayList<>();
        for (String error : List.of("ProducerFencedException", "InvalidProducerEpochException", "TaskMigratedException",
                "FencedInstanceIdException", "UnknownMemberIdException", "TransactionAbortedException")) {
            if (log.contains(error)) {
                seen.add(error);
            }
        }
        return seen.isEmpty() ? "none" : String.join(", ", seen);
    }

    private static void publish(ReliabilityCluster cluster, List<Event> events, int perSecond) {
        try {
            cluster.publish(events, perSecond);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    private RoleProcess role(String role, String instance, ReliabilityCluster cluster, Path runDir, Path kafkaConfig) throws IOException {
        if (role.equals("alerter") && !alerterSettings.isEmpty()) {
            StringBuilder lines = new StringBuilder(kafkaConfig == null ? "" : Files.readString(kafkaConfig));
            alerterSettings.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
            kafkaConfig = Files.writeString(runDir.resolve(instance + ".properties"), lines);
        }
        return RoleProcess.start(role, instance, cluster.bootstrapServers(), runDir, RoleProcess.freePort(), kafkaConfig, SESSION_TIMEOUT);
    }

    private static void awaitReady(RoleProcess... processes) throws InterruptedException {
        for (RoleProcess p : processes) {
            await(p.name() + " ready", p::ready);
        }
    }

    /** Waits for {@code condition}, up to a bound that only stops a stuck run (not a speed assertion). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Wait.until(what, condition, Duration.ofMinutes(5));
    }

    /**
     * Runs the reference, SIGKILL and zombie runs and prints their figures; exits 1 when a run
     * differs from the reference or wrote duplicates.
     * Arguments: {@code --events N --rate PER_SECOND --kills PER_PROCESS --seed S --dir DIR
     * --alerter-streams k=v,... --catch-up-minutes M} ({@code --alerter-streams}: Kafka Streams settings of every
     * alerter process; {@code --catch-up-minutes}: how long each run waits for the processes to work off their
     * input, default 10). The exactly-once runs are reported before the at-least-once control starts.
     */
    public static void main(String[] args) throws Exception {
        int events = 50_000;
        int rate = 500;
        int kills = 3;
        long seed = 42;
        Path dir = null;
        java.util.Map<String, String> alerterSettings = new java.util.TreeMap<>();
        Duration catchUp = DEFAULT_CATCH_UP;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--catch-up-minutes" -> catchUp = Duration.ofMinutes(Long.parseLong(args[i + 1]));
                case "--alerter-streams" -> {
                    for (String kv : args[i + 1].split(",")) {
                        if (kv.indexOf('=') < 1) {
                            throw new IllegalArgumentException("--alerter-streams takes key=value pairs separated by commas, got " + kv);
                        }
                        alerterSettings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("triadwatch-reliability");
        ReliabilityRuns runs = new ReliabilityRuns(work, line -> System.out.println(Instant.now() + " " + line), alerterSettings)
                .withCatchUp(catchUp);
        List<Event> input = events(events, seed);
        long t0 = System.nanoTime();
        Run reference = runs.uninterrupted(input, rate);
        long t1 = System.nanoTime();
        Run killed = runs.sigkill(input, rate, kills, seed);
        long t2 = System.nanoTime();
        Run zombie = runs.zombie(input, rate);
        long t3 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        problems.addAll(reference.output().duplicates().stream().map(d -> "reference: " + d).toList());
        report("reference", reference, reference, (t1 - t0), problems);
        report("sigkill", killed, reference, (t2 - t1), problems);
        report("zombie", zombie, reference, (t3 - t2), problems);
        System.out.println(problems.isEmpty() ? "exactly-once runs: equal to the reference, no duplicates" : "exactly-once runs: " + problems.size() + " problems");
        Run control = runs.atLeastOnce(input, rate, kills, seed);
        long t4 = System.nanoTime();
        List<String> seen = new ArrayList<>(control.output().duplicates());
        control.output().differences(reference.output()).forEach(d -> seen.add("differs: " + d));
        System.out.printf("at-least-once control: %d dyads, %d alert records, %d event applications, %d kills, %d s; the checker reports %d findings%s%n",
                control.output().dyads().size(), control.output().alerts().size(), control.output().eventsApplied(), control.kills(),
                (t4 - t3) / 1_000_000_000L, seen.size(), seen.isEmpty() ? "" : ", e.g. " + seen.subList(0, Math.min(3, seen.size())));
        PipelineOutput injected = withInjectedDuplicate(killed.output());
        System.out.println("negative control: one alert transition and one dyad state written twice into the SIGKILL run's output -> checker reports "
                + injected.duplicates().size() + " duplicates");
        problems.forEach(p -> System.out.println("PROBLEM " + p));
        System.out.println(problems.isEmpty() ? "PASS" : "FAIL");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    private static void report(String name, Run run, Run reference, long nanos, List<String> problems) {
        PipelineOutput out = run.output();
        System.out.printf("%s: %d dyads, %d triads, %d alert records, %d event applications, %d kills, ready after restart %s, %d s; %s%n",
                name, out.dyads().size(), out.triads().size(), out.alerts().size(), out.eventsApplied(), run.kills(),
                run.readyAfterRestart().stream().map(d -> d.toMillis() + " ms").toList(), nanos / 1_000_000_000L, run.notes());
        if (run != reference) {
            out.differences(reference.output()).forEach(d -> problems.add(name + " differs: " + d));
            out.duplicates().forEach(d -> problems.add(name + " duplicate: " + d));
            out.sequenceDifferences(reference.output()).forEach(d -> System.out.println(name + " (diagnostic): " + d));
        }
    }

    /**
     * @return {@code output} with its last dyad record and its first alert written once more, as a
     *         non-exactly-once replay would write them (the checker's negative control)
     */
    public static PipelineOutput withInjectedDuplicate(PipelineOutput output) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> dyads = new ArrayList<>(output.dyadRecords());
        List<com.fasterxml.jackson.databind.node.ObjectNode> alerts = new ArrayList<>(output.alerts());
        if (!dyads.isEmpty()) {
            dyads.add(dyads.get(dyads.size() - 1));
        }
        if (!alerts.isEmpty()) {
            alerts.add(alerts.get(0));
        }
        return new PipelineOutput(dyads, output.triadRecords(), alerts, output.dyads(), output.triads());
    }
}
