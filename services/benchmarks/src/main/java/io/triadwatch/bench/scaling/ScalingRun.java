package io.triadwatch.bench.scaling;

import io.triadwatch.bench.e2e.LoadDriver;
import io.triadwatch.bench.e2e.MachineInfo;
import io.triadwatch.bench.e2e.Progress;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.SharedData;
import io.triadwatch.bench.reliability.RoleProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue #13 item 3, "scaling measured": the same N real-mix events processed by 1, 2 and 3
 * {@code triadwatch run --role analyzer,alerter} instances (separate JVMs) on one broker, each count
 * on a fresh broker loaded with the same events; then, for each standby setting, failover on two
 * instances that processed the same events ({@link Failover}: SIGTERM of one, its restart, SIGKILL
 * of the other), the survivor timed until it holds every task again, with what it restored and how
 * its dyad list answered meanwhile. Prints a Markdown page and writes it to {@code --out}. Exit code
 * 0 when the run completed (whatever the numbers), 1 on failure.
 */
@Command(name = "triadwatch-scaling", mixinStandardHelpOptions = true,
        description = "Events/s with 1, 2 and 3 Triadwatch instances on one broker, and failover with and without standbys.")
public final class ScalingRun implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "Events N every instance count processes (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--instances", split = ",", defaultValue = "1,2,3", description = "Instance counts to measure (default ${DEFAULT-VALUE}).")
    List<Integer> instances;

    @Option(names = "--standbys", defaultValue = "1", description = "--standby-replicas of the throughput runs (default ${DEFAULT-VALUE}, the run command's default).")
    int standbys;

    @Option(names = "--failover-standbys", split = ",", defaultValue = "1,0",
            description = "Standby replicas to measure failover with, on two instances (default ${DEFAULT-VALUE}); see --no-failover.")
    List<Integer> failoverStandbys;

    @Option(names = "--no-failover", description = "Measure throughput only.")
    boolean noFailover;

    @Option(names = "--heap", defaultValue = "768m", description = "-Xmx of every instance (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--session-timeout", defaultValue = "PT10S", description = "--session-timeout of every instance (default ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Longest wait of any one step; only stops a stuck run (default ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mix's source choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mix", description = "Source weights in percent, as the load driver's --mix (default: the load driver's mix).")
    String mix;

    @Option(names = "--shared-data", description = "The shared real-data directory (default: found from ../shared/data).")
    Path sharedData;

    @Option(names = "--out", description = "Also write the Markdown page here, e.g. docs/scaling-2026-12-07.md.")
    Path out;

    @Option(names = "--work-dir", description = "Where brokers, state directories and instance logs go (default: a new temporary directory, deleted unless --keep).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the work directory (instance logs are in it).")
    boolean keep;

    private final Progress progress = new Progress(System.out);

    /** Runs the measurement and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the measurement and returns its exit code. */
    public static int run(String... args) {
        return new CommandLine(new ScalingRun()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String loadBefore = MachineInfo.loadAverage();
        MachineInfo machine = MachineInfo.read();
        progress.accept(String.format(Locale.ROOT, "machine: %d processors, %.1f GiB, %s; load average %s", machine.processors(),
                machine.memoryGiB(), machine.cpuModel(), loadBefore));
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("triadwatch-scaling-") : Files.createDirectories(workDir);
        try {
            Path data = sharedData != null ? sharedData : SharedData.locate();
            progress.accept("shared data: " + (data == null ? "not found; the mix is the demo timeline only" : data));
            EventMix eventMix = EventMix.load(data, mix == null ? EventMix.DEFAULT_WEIGHTS : EventMix.parseWeights(mix), progress);
            List<Throughput> throughputs = new ArrayList<>();
            List<Failover.Result> failovers = new ArrayList<>();
            List<Integer> toFailover = noFailover ? List.of() : failoverStandbys;
            for (int count : instances) {
                // The two instances of the throughput run serve the failover with the same standbys: no third run of the events.
                boolean failover = count == 2 && toFailover.contains(standbys);
                throughputs.add(phase(work, eventMix, count, standbys, failover ? failovers::add : null));
            }
            for (int s : toFailover) {
                if (failovers.stream().noneMatch(f -> f.standbys() == s)) {
                    throughputs.add(phase(work, eventMix, 2, s, failovers::add));
                }
            }
            ScalingReport report = new ScalingReport(new ScalingReport.Settings(events, seed, heap, sessionTimeout, Fleet.ROLES),
                    machine, loadBefore, MachineInfo.loadAverage(), started, (System.nanoTime() - t0) / 1e9, throughputs, failovers);
            String markdown = report.markdown();
            progress.raw("\n" + markdown);
            if (out != null) {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
                progress.accept("wrote " + out.toAbsolutePath());
            }
            return 0;
        } finally {
            if (temporary && !keep) {
                LoadDriver.deleteQuietly(work);
            } else {
                progress.accept("work directory kept: " + work);
            }
        }
    }

    private void validate() {
        if (events < 1 || instances.isEmpty() || instances.stream().anyMatch(i -> i < 1) || standbys < 0
                || failoverStandbys.stream().anyMatch(s -> s < 0) || timeoutMinutes < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "need --events >= 1, --instances >= 1 each, --standbys and --failover-standbys >= 0, --timeout-minutes >= 1");
        }
        // Validates --heap and --session-timeout before any broker starts.
        settings(standbys);
    }

    /**
     * One phase on a fresh broker: load the events, start {@code count} instances with
     * {@code standbyReplicas}, time them until everything is processed; then, unless
     * {@code failovers} is null, the failover steps on them, their result going to {@code failovers}.
     */
    private Throughput phase(Path work, EventMix eventMix, int count, int standbyReplicas, java.util.function.Consumer<Failover.Result> failovers)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve(count + "-instances-" + standbyReplicas + "-standbys"));
        Duration timeout = Duration.ofMinutes(timeoutMinutes);
        progress.accept(String.format(Locale.ROOT, "== %d instance(s), %d standby replica(s): fresh broker, %,d events; load average %s",
                count, standbyReplicas, events, MachineInfo.loadAverage()));
        try (ScalingStage stage = ScalingStage.start(dir, eventMix, seed, events, progress)) {
            String loadBefore = MachineInfo.loadAverage();
            ProcessStats driverAtStart = ProcessStats.self();
            long start = System.nanoTime();
            try (Fleet fleet = Fleet.start(count, stage.bootstrapServers(), dir, settings(standbyReplicas))) {
                progress.accept("throughput: started " + count + " instance(s); logs in " + dir);
                Throughput throughput = Throughput.measure(stage, fleet, events, start, driverAtStart, loadBefore, timeout, progress);
                if (failovers != null) {
                    progress.accept("== failover on these 2 instances, " + standbyReplicas + " standby replica(s)");
                    failovers.accept(new Failover(stage.admin(), timeout, progress).run(fleet));
                }
                return throughput;
            }
        }
    }

    private RoleProcess.Settings settings(int standbyReplicas) {
        return new RoleProcess.Settings(heap, standbyReplicas, sessionTimeout, null);
    }
}
