package io.triadwatch.bench.scaling;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.bench.reliability.RoleProcess;
import io.triadwatch.bench.reliability.Wait;
import io.triadwatch.streams.CatchUp;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The instances of one phase: {@code triadwatch run --role analyzer,alerter} processes named
 * {@code i1 ... ik}, each on its own HTTP port and state directory, on one cluster. Knows when all
 * of them are ready and when, together, they have processed everything.
 */
final class Fleet implements AutoCloseable {
    /** The roles every instance runs: the two Kafka Streams applications (the dyad queries come with the analyzer). */
    static final String ROLES = "analyzer,alerter";
    private static final List<String> ANALYZER_INPUTS = List.of(Topics.EVENTS.name());
    private static final List<String> ALERTER_INPUTS = List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name());

    private final List<RoleProcess> instances;
    private final Path dir;
    private final RoleProcess.Settings settings;

    private Fleet(List<RoleProcess> instances, Path dir, RoleProcess.Settings settings) {
        this.instances = instances;
        this.dir = dir;
        this.settings = settings;
    }

    /** Starts {@code count} instances at once (each a new JVM) against {@code bootstrap}. */
    static Fleet start(int count, String bootstrap, Path dir, RoleProcess.Settings settings) throws IOException {
        Fleet fleet = new Fleet(new ArrayList<>(), dir, settings);
        try {
            for (int i = 1; i <= count; i++) {
                fleet.instances.add(RoleProcess.start(ROLES, "i" + i, bootstrap, dir, RoleProcess.freePort(), settings));
            }
            return fleet;
        } catch (RuntimeException | IOException e) {
            fleet.close();
            throw e;
        }
    }

    /** @return the instances, {@code i1} first */
    List<RoleProcess> instances() {
        return List.copyOf(instances);
    }

    /** @return the settings every instance runs with */
    RoleProcess.Settings settings() {
        return settings;
    }

    /**
     * @return why the fleet cannot process any more (an instance exited), or null while it can;
     *         for {@link CatchUp}'s failure check
     */
    String failure() {
        for (RoleProcess p : instances) {
            if (!p.alive()) {
                return p.name() + " exited with " + p.exitValue() + " (log " + dir.resolve(p.name() + ".log") + ")";
            }
        }
        return null;
    }

    /** Waits until every instance answers {@code /ready} (both Streams applications RUNNING). */
    void awaitReady(Duration timeout) throws InterruptedException {
        Wait.until("every instance ready", () -> instances.stream().allMatch(RoleProcess::ready), timeout);
    }

    /**
     * Waits until the fleet has processed everything on the cluster: the analyzer caught up with
     * the events and holds nothing back (the live ordering stages release the last events about a
     * second after their input stops, which no offset shows: {@link AnalyzerCatchUp#awaitDrained},
     * read from every instance's meters), then the alerter caught up with every state record the
     * analyzer wrote.
     *
     * @param analyzed called once the analyzer is done, before the alerter is waited for
     * @throws IllegalStateException when it does not within {@code timeout}, or an instance died
     */
    void awaitProcessed(Admin admin, Duration timeout, Consumer<String> progress, Runnable analyzed) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CatchUp catchUp = new CatchUp(admin, progress);
        MeterRegistry[] meters = instances.stream().map(p -> RemoteMeters.of(p.port())).toArray(MeterRegistry[]::new);
        AnalyzerCatchUp.awaitDrained(catchUp, AnalyzerConfig.DEFAULT_APPLICATION_ID, ANALYZER_INPUTS, timeout, this::failure, meters);
        analyzed.run();
        catchUp.await(AlerterConfig.DEFAULT_APPLICATION_ID, ALERTER_INPUTS, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), this::failure);
    }

    /** @return the CPU time and peak RSS of every instance, {@code i1} first (read now, while they run) */
    List<ProcessStats> stats() {
        return instances.stream().map(p -> ProcessStats.of(p.pid())).toList();
    }

    /** Stops every instance (SIGTERM, SIGKILL after 20 s), the last one first. */
    @Override
    public void close() {
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
    }
}
