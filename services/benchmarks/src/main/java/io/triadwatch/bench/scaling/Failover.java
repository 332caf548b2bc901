package io.triadwatch.bench.scaling;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.bench.e2e.Progress;
import io.triadwatch.bench.reliability.RoleProcess;
import io.triadwatch.bench.reliability.Wait;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * Failover on two caught-up instances, each step timing the survivor until it holds every task and
 * is {@code RUNNING} again, with what it restored and how its dyad list answered meanwhile:
 * <ol>
 *   <li>{@code i2} is stopped with SIGTERM and {@code i1} takes over;</li>
 *   <li>{@code i2} is restarted on its state directory and waited for until it holds tasks again (a
 *       clean stop leaves its stores current, so it is given its tasks back at once);</li>
 *   <li>{@code i1} is killed with SIGKILL and {@code i2} takes over.</li>
 * </ol>
 * Each survivor takes over the other's tasks, never tasks it held itself a moment before: {@code i1}
 * keeps the stores of the tasks it gives back to {@code i2} in step 2 (Kafka Streams deletes unowned
 * state only after {@code state.cleanup.delay.ms}, 10 minutes), so killing {@code i2} in step 3 would
 * measure a take-over with current local copies, standbys or not.
 * <p>
 * The instances are idle (every event processed): what is timed is the failover itself, detection,
 * rebalance and restore, not a backlog that built up meanwhile.
 */
final class Failover {
    /**
     * Records returned by a consumer: summed over an application's restore consumers, what it read from
     * its changelogs, i.e. restored (idle instances read nothing else there). Kafka Streams' own
     * {@code restore-total} is not used: it is a DEBUG-level sensor, and with {@code metrics.recording.level=DEBUG}
     * a trial run's {@code /metrics} answered 500 (Prometheus refused a counter that read -1).
     */
    private static final String RECORDS_CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";
    private static final String ANALYZER = AnalyzerConfig.DEFAULT_APPLICATION_ID;
    private static final String ALERTER = AlerterConfig.DEFAULT_APPLICATION_ID;

    private final Admin admin;
    private final Duration timeout;
    private final Progress progress;

    /**
     * @param timeout how long any one wait may take before the run gives up (not a speed assertion)
     */
    Failover(Admin admin, Duration timeout, Progress progress) {
        this.admin = admin;
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * How the survivor recovered from one stop; seconds from the stop signal, NaN when it did not happen.
     *
     * @param stop              {@code SIGTERM} or {@code SIGKILL}
     * @param survivor          the instance that took over
     * @param victim            the instance stopped
     * @param leftRunning       the survivor's analyzer or alerter left {@code RUNNING} (the rebalance began)
     * @param analyzerRunning   the survivor's analyzer held every task and was {@code RUNNING}
     * @param alerterRunning    the same for its alerter
     * @param restoredAnalyzer  changelog records the survivor's analyzer restored (read by its restore consumer)
     * @param restoredAlerter   the same for its alerter
     * @param queries           how the survivor's dyad list answered from the stop to the end of the recovery
     */
    record Recovery(String stop, String survivor, String victim, double leftRunning, double analyzerRunning, double alerterRunning,
                    double restoredAnalyzer, double restoredAlerter, QueryProbe.Summary queries) {
        Recovery {
            if (!stop.equals("SIGTERM") && !stop.equals("SIGKILL")) {
                throw new IllegalArgumentException("stop must be SIGTERM or SIGKILL, got " + stop);
            }
        }
    }

    /**
     * What one failover run measured.
     *
     * @param standbys    the instances' {@code --standby-replicas}
     * @param graceful    step 1, SIGTERM of {@code i2}, {@code i1} surviving
     * @param rejoin      step 2, seconds from restarting {@code i2} to both instances ready and {@code i2} holding tasks again
     * @param killed      step 3, SIGKILL of {@code i1}, {@code i2} surviving
     * @param note        what did not go as planned, or empty
     */
    record Result(int standbys, Recovery graceful, double rejoin, Recovery killed, String note) {
    }

    /** Runs the three steps on {@code fleet}'s first two instances, which have processed every event. */
    Result run(Fleet fleet) throws InterruptedException, IOException {
        List<RoleProcess> instances = fleet.instances();
        if (instances.size() < 2) {
            throw new IllegalArgumentException("failover needs two instances, got " + instances.size());
        }
        RoleProcess i1 = instances.get(0);
        RoleProcess i2 = instances.get(1);
        String note = "";
        Recovery graceful = recover("SIGTERM", i1, i2, () -> sigterm(i2));
        progress.accept("failover: restarting " + i2.name() + " on its state directory");
        long restartAt = System.nanoTime();
        i2.restart();
        boolean active = awaitRejoined(i1, i2);
        double rejoin = (System.nanoTime() - restartAt) / 1e9;
        if (!active) {
            note = i2.name() + " rejoined but got no active task back within " + timeout
                    + " (warm-up replicas wait for the probing rebalance); " + i2.name() + " took over everything in the SIGKILL step";
            progress.accept("failover: " + note);
        } else {
            progress.accept(String.format(Locale.ROOT, "failover: %s holds tasks again %.1f s after its restart", i2.name(), rejoin));
        }
        Recovery killed = recover("SIGKILL", i2, i1, () -> sigkill(i1));
        return new Result(fleet.settings().standbyReplicas(), graceful, rejoin, killed, note);
    }

    /**
     * Stops {@code victim} with {@code stop} (on its own thread: a graceful stop takes a while, and
     * the survivor is watched meanwhile), then polls the survivor every 100 ms until each application
     * has taken over (see {@link #tookOver}).
     */
    private Recovery recover(String kind, RoleProcess survivor, RoleProcess victim, Runnable stop) throws InterruptedException, IOException {
        try (QueryProbe probe = QueryProbe.start(survivor.port())) {
            return recover(kind, survivor, victim, probe, stop);
        }
    }

    private Recovery recover(String kind, RoleProcess survivor, RoleProcess victim, QueryProbe probe, Runnable stop)
            throws InterruptedException, IOException {
        Map<String, Double> before = restored(survivor);
        int logMark = survivor.log().length();
        progress.accept("failover: " + kind + " " + victim.name() + "; watching " + survivor.name());
        long t0 = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(stop);
        double left = Double.NaN;
        double analyzer = Double.NaN;
        double alerter = Double.NaN;
        long deadline = t0 + timeout.toNanos();
        long lastReport = t0;
        while (Double.isNaN(analyzer) || Double.isNaN(alerter)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + timeout + " waiting for " + survivor.name() + " to take over after " + kind);
            }
            if (!survivor.alive()) {
                throw new IllegalStateException("the survivor " + survivor.name() + " exited with " + survivor.exitValue());
            }
            Map<String, String> components = InstanceHttp.components(survivor.port());
            String log = survivor.log().substring(logMark);
            double now = (System.nanoTime() - t0) / 1e9;
            if (Double.isNaN(left) && (!"UP".equals(components.get("analyzer")) || !"UP".equals(components.get("alerter"))
                    || log.contains("RUNNING -> REBALANCING"))) {
                left = now;
                progress.accept(String.format(Locale.ROOT, "failover: %s rebalancing %.1f s after %s", survivor.name(), now, kind));
            }
            if (Double.isNaN(analyzer) && tookOver(ANALYZER, "analyzer", components, log, victim)) {
                analyzer = now;
            }
            if (Double.isNaN(alerter) && tookOver(ALERTER, "alerter", components, log, victim)) {
                alerter = now;
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                progress.accept(String.format(Locale.ROOT, "... %.0f s after %s: %s %s", now, kind, survivor.name(), components));
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
        long runningAt = System.nanoTime();
        stopping.join();
        QueryProbe.Summary queries = probe.between(t0, runningAt);
        Map<String, Double> after = restored(survivor);
        progress.accept(String.format(Locale.ROOT, "failover: %s holds every task %.1f s after %s (analyzer %.1f s, alerter %.1f s); restored %,.0f / %,.0f records",
                survivor.name(), Math.max(analyzer, alerter), kind, analyzer, alerter, after.get(ANALYZER) - before.get(ANALYZER),
                after.get(ALERTER) - before.get(ALERTER)));
        return new Recovery(kind, survivor.name(), victim.name(), left, analyzer, alerter, after.get(ANALYZER) - before.get(ANALYZER),
                after.get(ALERTER) - before.get(ALERTER), queries);
    }

    /**
     * Whether the survivor's {@code component} has taken the victim's tasks over: the broker's group
     * is stable without the victim, the survivor logged a rebalance ending in {@code RUNNING} since
     * the stop ({@code StreamsRunner}'s state line), and the component is UP. The log line is what
     * rules out the moment when the group is already stable but the survivor has not yet begun its
     * rebalance and still reports its old {@code RUNNING}.
     *
     * @param log what the survivor logged since the stop
     */
    private boolean tookOver(String app, String component, Map<String, String> components, String log, RoleProcess victim) {
        if (!"UP".equals(components.get(component)) || !log.contains(component + " REBALANCING -> RUNNING")) {
            return false;
        }
        GroupHolding holding = GroupHolding.of(admin, app);
        return holding.stable() && !holding.member(victim.name());
    }

    /**
     * Waits until both instances are ready and the victim holds input partitions in both groups
     * again, twice in a row a second apart (a rejoin may take more than one rebalance).
     *
     * @return false when the victim is in the groups and ready but holds no active task by the timeout
     */
    private boolean awaitRejoined(RoleProcess survivor, RoleProcess victim) throws InterruptedException {
        Wait.until(victim.name() + " ready after its restart", () -> victim.ready() && survivor.ready(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        int inARow = 0;
        while (inARow < 2) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            boolean holds = victim.ready() && survivor.ready() && GroupHolding.of(admin, ANALYZER).active(victim.name())
                    && GroupHolding.of(admin, ALERTER).active(victim.name());
            inARow = holds ? inARow + 1 : 0;
            Thread.sleep(1000);
        }
        return true;
    }

    /** @return the records {@code survivor}'s restore consumers have read so far, by application id */
    private static Map<String, Double> restored(RoleProcess survivor) throws IOException, InterruptedException {
        PrometheusText metrics = InstanceHttp.metrics(survivor.port());
        return Map.of(ANALYZER, restoredBy(metrics, ANALYZER), ALERTER, restoredBy(metrics, ALERTER));
    }

    private static double restoredBy(PrometheusText metrics, String applicationId) {
        // Kafka Streams names them APPLICATION_ID-PROCESS_ID-StateUpdater-N-restore-consumer; the sample without
        // a topic label is the consumer's total (the others are per topic).
        return metrics.sum(RECORDS_CONSUMED, labels -> !labels.containsKey("topic")
                && labels.getOrDefault("client_id", "").startsWith(applicationId + "-") && labels.get("client_id").endsWith("-restore-consumer"));
    }

    private static void sigterm(RoleProcess victim) {
        try {
            victim.stop(Duration.ofSeconds(90));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + victim.name(), e);
        }
    }

    private static void sigkill(RoleProcess victim) {
        try {
            victim.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + victim.name(), e);
        }
    }
}
