package io.triadwatch.bench.scaling;

import io.triadwatch.bench.e2e.MachineInfo;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scaling run's page: settings, the throughput table, the failover table, and how to read them. */
final class ScalingReport {
    /**
     * What every phase ran with.
     *
     * @param events         events N per phase
     * @param seed           the mix's seed
     * @param heap           each instance's -Xmx
     * @param sessionTimeout each instance's --session-timeout
     * @param roles          each instance's --role
     */
    record Settings(long events, long seed, String heap, Duration sessionTimeout, String roles) {
    }

    private final Settings settings;
    private final MachineInfo machine;
    private final String loadBefore;
    private final String loadAfter;
    private final Instant started;
    private final double seconds;
    private final List<Throughput> throughputs;
    private final List<Failover.Result> failovers;

    ScalingReport(Settings settings, MachineInfo machine, String loadBefore, String loadAfter, Instant started, double seconds,
                  List<Throughput> throughputs, List<Failover.Result> failovers) {
        this.settings = settings;
        this.machine = machine;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.started = started;
        this.seconds = seconds;
        this.throughputs = List.copyOf(throughputs);
        this.failovers = List.copyOf(failovers);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Scaling: 1, 2 and 3 instances on one broker, and failover (issue #13 item 3)\n\n");
        md.append("Measured by `./services/benchmarks/scaling.sh` (`io.triadwatch.bench.scaling.ScalingRun`) on ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)))
                .append(String.format(Locale.ROOT, ", %.0f s in all. ", seconds))
                .append("No test asserts any of these figures.\n\n");
        md.append(String.format(Locale.ROOT, "- machine: %d processors, %.1f GiB, %s; %s; load average %s at the start, %s at the end%n",
                machine.processors(), machine.memoryGiB(), machine.cpuModel(), machine.java(), loadBefore, loadAfter));
        md.append(String.format(Locale.ROOT, "- input: N = %,d events of the real mix (seed %d) on `%s` (%d partitions), written once per phase "
                + "to a fresh in-JVM broker (in the driver's JVM, replication 1) before the instances start%n",
                settings.events(), settings.seed(), Topics.EVENTS.name(), Topics.EVENTS.partitions()));
        md.append(String.format(Locale.ROOT, "- instances: `triadwatch run --role %s` as separate JVMs (-Xmx%s), one stream thread per application, "
                + "exactly-once v2, static membership, `--session-timeout %s`%n%n", settings.roles(), settings.heap(), settings.sessionTimeout()));
        throughput(md);
        failover(md);
        md.append(HOW_TO_READ);
        return md.toString();
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput: the same N events, from starting the instances to everything processed\n\n");
        md.append("| instances | standbys | all ready | analyzer done | all processed | events/s | × 1 instance | events/s once ready "
                + "| CPU s: instances + broker/driver | busy cores | peak RSS per instance | load average before → after |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Throughput t : throughputs) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %.1f s | %.1f s | %.1f s | **%,.0f** | %s | %,.0f | %,.0f + %,.0f | %.2f | %s MiB | %s → %s |%n",
                    t.instances(), t.standbys(), t.readySeconds(), t.analyzerSeconds(), t.seconds(), t.rate(), ratio(t), t.rateAfterReady(),
                    t.instancesCpu(), t.driverCpu(), t.busyCores(), t.peakRssMiB().stream().map(String::valueOf).collect(Collectors.joining(" / ")),
                    t.loadBefore(), t.loadAfter()));
        }
        md.append('\n');
    }

    /** @return {@code t}'s events/s over the one-instance run's with the same standbys, or "—" */
    private String ratio(Throughput t) {
        return throughputs.stream().filter(o -> o.instances() == 1 && o.standbys() == t.standbys()).findFirst()
                .or(() -> throughputs.stream().filter(o -> o.instances() == 1).findFirst())
                .map(one -> String.format(Locale.ROOT, "%.2f×", t.rate() / one.rate())).orElse("—");
    }

    private void failover(StringBuilder md) {
        if (failovers.isEmpty()) {
            return;
        }
        md.append("## Failover: two caught-up, idle instances; one stopped, the other takes over\n\n");
        md.append("Per standby setting, the two instances of the throughput run with those standbys (the N events processed), then:"
                + " i2 stopped with SIGTERM (i1 takes over), i2 restarted, i1 killed with SIGKILL (i2 takes over). Seconds from the stop signal."
                + " \"Took over\": the group is stable without the stopped instance, and the survivor logged a rebalance ending in `RUNNING` and"
                + " reports the application UP. Restored: records the survivor's restore consumers read meanwhile (its Prometheus meters)."
                + " Queries: `GET /api/dyads?limit=1000` on the survivor every 250 ms from the stop until both applications took over.\n\n");
        md.append("| standbys | stop | survivor rebalancing after | analyzer took over after | alerter took over after | records restored: analyzer / alerter "
                + "| dyad list: failed / degraded of requests | failing / degraded for | slowest answer |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Failover.Result f : failovers) {
            for (Failover.Recovery r : List.of(f.graceful(), f.killed())) {
                QueryProbe.Summary q = r.queries();
                md.append(String.format(Locale.ROOT, "| %d | %s %s, %s survives | %s | %s | %s | %,.0f / %,.0f | %d / %d of %d | %.1f s / %.1f s | %,d ms |%n",
                        f.standbys(), r.stop(), r.victim(), r.survivor(), secs(r.leftRunning()), secs(r.analyzerRunning()), secs(r.alerterRunning()),
                        r.restoredAnalyzer(), r.restoredAlerter(), q.failed(), q.degraded(), q.requests(), q.failingSeconds(), q.degradedSeconds(),
                        q.slowestMillis()));
            }
        }
        md.append('\n');
        for (Failover.Result f : failovers) {
            md.append(String.format(Locale.ROOT, "- %d standby: i2, restarted after its SIGTERM, held tasks again %.1f s later%s%n",
                    f.standbys(), f.rejoin(), f.note().isEmpty() ? "" : "; " + f.note()));
        }
        md.append('\n');
    }

    private static String secs(double s) {
        return Double.isNaN(s) ? "—" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static final String HOW_TO_READ = """
            ## How to read it

            - **Throughput on one machine.** Every instance runs on the same cores as the others and as the
              broker, so the instance counts compare the cost of running more instances, not a speed-up: one
              instance already keeps the cores busy, and each more instance adds a JVM (heap, GC, JIT),
              its own stream threads, producers and exactly-once transactions (one commit per thread per
              100 ms), consumers and fetch sessions, RocksDB instances, and with standbys a copy of the other
              instances' state to keep up. A ratio below 1× is that overhead; the speed-up needs cores per
              instance. "All ready" includes the JVM start and the group joins, so "events/s once ready" is the
              fairer comparison of the steady state.
            - **Detection is the session timeout.** The instances are static members (`--instance-name`), so the
              broker keeps a silent member's tasks for `--session-timeout`: a killed instance is noticed only then.
              A SIGTERM stop does not hand the tasks over either: a static member stops without leaving the group
              (`StreamsRunner` closes with `REMAIN_IN_GROUP`, so that a restart within the timeout gets its tasks
              back without moving anything), so the survivor waits for the same timeout.
            - **Standbys make the take-over a promotion.** With a standby the survivor already holds a caught-up
              copy of the stopped instance's stores and restores only what the copy lacked; without one it
              replays the stores' changelogs, which grows with the state (here, N events' worth) — from the start,
              or from the checkpoint of an old local copy of a task it owned for a while at start-up (Kafka Streams
              deletes unowned state only after `state.cleanup.delay.ms`, 10 minutes).
            - **Queries.** During the timeout the survivor still routes the stopped instance's keys to it; the
              dyad list then answers from a standby copy (flagged stale) or without those partitions
              (`missingPartitions`), and only fails when no copy can be read.
            - **Records restored** are what the survivor's restore consumers read between the stop and the take-over
              (`kafka_consumer_fetch_manager_records_consumed_total` of the `...-restore-consumer` clients): the
              instances are idle, so that is the restore. Kafka Streams' own `restore-total` is a DEBUG-level sensor,
              and it reads 0 by default (a trial with `metrics.recording.level=DEBUG` made `/metrics` answer 500: a
              Kafka counter read -1, KAFKA-18495; the process registry now reads a negative function counter as 0).
            """;
}
