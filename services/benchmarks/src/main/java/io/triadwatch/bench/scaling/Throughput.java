package io.triadwatch.bench.scaling;

import io.triadwatch.bench.e2e.MachineInfo;
import io.triadwatch.bench.e2e.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How fast {@code instances} instances processed the same {@code events} events, from the moment
 * they were started (JVM start, group join, assignment and processing all included) to the moment
 * the analyzer and the alerter had both processed everything.
 *
 * @param instances       how many instances ran
 * @param standbys        their {@code --standby-replicas}
 * @param events          events on the events topic
 * @param readySeconds    until every instance was ready (both applications {@code RUNNING}) at once
 * @param analyzerSeconds until the analyzer had applied every event
 * @param seconds         until the alerter had processed every state record as well
 * @param instancesCpu    CPU seconds of the instances' JVMs, summed
 * @param driverCpu       CPU seconds of the driver's JVM over the same time: the broker and the driver's polling
 * @param peakRssMiB      each instance's peak resident set (-1 unknown), {@code i1} first
 * @param loadBefore      load average when the instances were started
 * @param loadAfter       load average when everything was processed
 */
record Throughput(int instances, int standbys, long events, double readySeconds, double analyzerSeconds, double seconds,
                  double instancesCpu, double driverCpu, List<Long> peakRssMiB, String loadBefore, String loadAfter) {
    Throughput {
        if (instances < 1 || events < 1 || seconds <= 0) {
            throw new IllegalArgumentException("a throughput needs instances, events and time: " + instances + ", " + events + ", " + seconds);
        }
        peakRssMiB = List.copyOf(peakRssMiB);
    }

    /** @return events per second, start to everything processed */
    double rate() {
        return events / seconds;
    }

    /** @return events per second once every instance was ready (start-up left out) */
    double rateAfterReady() {
        double s = seconds - readySeconds;
        return s <= 0 ? rate() : events / s;
    }

    /** @return cores busy on average: the instances' and the driver's (broker's) CPU over the wall time */
    double busyCores() {
        return (instancesCpu + driverCpu) / seconds;
    }

    /**
     * Times {@code fleet}, started at {@code startNanos} on {@code stage}, until it has processed everything.
     *
     * @param timeout the longest wait, which only stops a stuck run
     */
    static Throughput measure(ScalingStage stage, Fleet fleet, long events, long startNanos, ProcessStats driverAtStart,
                              String loadBefore, Duration timeout, Progress progress) throws InterruptedException {
        fleet.awaitReady(timeout);
        double ready = seconds(startNanos);
        progress.accept(String.format(Locale.ROOT, "throughput: %d instance(s) ready after %.1f s", fleet.instances().size(), ready));
        double[] analyzed = {Double.NaN};
        fleet.awaitProcessed(stage.admin(), timeout, progress, () -> {
            analyzed[0] = seconds(startNanos);
            progress.accept(String.format(Locale.ROOT, "throughput: the analyzer applied every event after %.1f s", analyzed[0]));
        });
        double total = seconds(startNanos);
        List<ProcessStats> stats = fleet.stats();
        double driverCpu = ProcessStats.self().cpuSeconds() - driverAtStart.cpuSeconds();
        Throughput t = new Throughput(fleet.instances().size(), fleet.settings().standbyReplicas(), events, ready, analyzed[0], total,
                stats.stream().mapToDouble(ProcessStats::cpuSeconds).sum(), driverCpu, stats.stream().map(ProcessStats::peakRssMiB).toList(),
                loadBefore, MachineInfo.loadAverage());
        progress.accept(String.format(Locale.ROOT, "throughput: %d instance(s), %d standby: %,d events in %.1f s = %,.0f events/s (%.2f cores busy)",
                t.instances(), t.standbys(), events, total, t.rate(), t.busyCores()));
        return t;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
