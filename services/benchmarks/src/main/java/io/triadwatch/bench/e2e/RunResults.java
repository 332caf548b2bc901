package io.triadwatch.bench.e2e;

import io.triadwatch.bench.mix.EventMix;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the load driver measured, for the {@link Report}.
 *
 * @param machine         the machine
 * @param loadBefore      load average before the run
 * @param loadAfter       load average after the run
 * @param started         when the run started
 * @param totalSeconds    the run's wall time
 * @param settings        the settings
 * @param mix             the event mix
 * @param loaded          the events written
 * @param raw             baseline 1
 * @param rawStats        its resources
 * @param minimal         baseline 2
 * @param minimalStats    its resources
 * @param pipelineMode    {@code app} or {@code direct}
 * @param analyzer        the analyzer's catch-up
 * @param alerter         the alerter's catch-up (null when the analyzer did not catch up)
 * @param alerterLagAtLimit state records the alerter still had to process when the time limit struck, or -1
 * @param alerterShare    the share of the analyzer's state records the alerter had processed then (1 when it caught up)
 * @param pipelineStats   resources of the Triadwatch throughput phase
 * @param counts          what the analyzer and alerter counted in that phase
 * @param streamsStats    Kafka Streams thread and producer metrics by app at the end of its phase
 * @param logs            WARN and ERROR log events of the JVM by kind, per phase
 * @param topicBytes      bytes the broker held per topic at the end of the Triadwatch throughput phase
 * @param profile         the CPU profile of that phase, or null
 * @param profileSustainable the CPU profile of the latency run at a sustainable rate, or null
 * @param backlogSkipped  true when the throughput phase's backlog was skipped before the latency run
 * @param latency         the fixed-rate latency run, or null
 * @param latencySustainable a second latency run at a share of the measured throughput when the first overloaded the pipeline, or null
 * @param latencyCompared    one more latency run at the rate of the last one with the compared Streams settings ({@code --compare-streams}), or null
 * @param latencyStats    its resources
 * @param demo            demo readiness as {@code ./triadwatch demo} runs it (from a class-data archive), or null when not measured
 * @param demoCold        the same in a cold JVM without an archive (the first demo after a build), or null
 * @param demoNote        why demo readiness, or its run from the class-data archive, was not measured, or null
 * @param jmh             JMH results, possibly empty
 */
record RunResults(MachineInfo machine, String loadBefore, String loadAfter, Instant started, double totalSeconds,
                  Settings settings, EventMix mix, EventLoader.Loaded loaded,
                  RawConsumerBaseline.Result raw, PhaseStats rawStats,
                  CatchUpTimer.Result minimal, PhaseStats minimalStats,
                  String pipelineMode, CatchUpTimer.Result analyzer, CatchUpTimer.Result alerter, long alerterLagAtLimit, double alerterShare, PhaseStats pipelineStats,
                  Counts counts, Map<String, Map<String, Double>> streamsStats,
                  Map<String, Map<String, Long>> logs, Map<String, Long> topicBytes, CpuProfile.Summary profile,
                  CpuProfile.Summary profileSustainable, boolean backlogSkipped,
                  LatencyRun.Result latency, LatencyRun.Result latencySustainable, LatencyRun.Result latencyCompared, PhaseStats latencyStats,
                  DemoReadiness.Result demo, DemoReadiness.Result demoCold, String demoNote, List<JmhResults.Result> jmh) {

    /**
     * The run's settings.
     *
     * @param events          N
     * @param rate            offered events/s of the latency run
     * @param latencySeconds  its duration
     * @param drainSeconds    the longest wait for its outputs after the offering
     * @param eventPartitions partitions of the events topic
     * @param seed            the mix's random seed
     * @param timeoutSeconds  the Triadwatch catch-up limit
     * @param jvm             the driver's JVM arguments
     * @param streams         Kafka Streams settings given to the analyzer and the alerter over Triadwatch's defaults
     * @param compareStreams  the settings of the compared latency run, over {@code streams} (empty: none)
     */
    record Settings(long events, double rate, int latencySeconds, long drainSeconds, int eventPartitions, long seed, long timeoutSeconds, String jvm,
                    Map<String, String> streams, Map<String, String> compareStreams) {
    }

    /**
     * Resources of one phase.
     *
     * @param cpu         CPU by thread group
     * @param peakHeapMiB the heap's peak in the phase
     * @param peakRssMiB  the process's VmHWM at the end of the phase (peak since the process started)
     * @param rssMiB      the process's VmRSS at the end of the phase
     */
    record PhaseStats(ThreadCpu.Usage cpu, long peakHeapMiB, long peakRssMiB, long rssMiB) {
        static PhaseStats end(ThreadCpu cpu) {
            return new PhaseStats(cpu.since(), Memory.peakHeapMiB(), Memory.peakRssMiB(), Memory.rssMiB());
        }
    }

    /**
     * The analyzer's and alerter's own counters over the throughput phase.
     *
     * @param eventsIn  event records read by the analyzer
     * @param processed event records accepted
     * @param impulses  dyad impulses computed (each becomes a dyad state)
     * @param dlq       dead letters by reason
     * @param fired     FIRING alert records
     * @param resolved  RESOLVED alert records
     */
    record Counts(double eventsIn, double processed, double impulses, Map<String, Double> dlq, double fired, double resolved) {
    }

    /**
     * @return Triadwatch's end-to-end events/s: N over the time until the alerter caught up; when the
     *         time limit struck first, the events the analyzer processed times the share of their
     *         states the alerter had processed, over the time
     */
    double triadwatchRate() {
        if (alerter != null && alerter.caughtUp()) {
            return loaded.events() / alerter.seconds();
        }
        return analyzer.processed() * alerterShare / analyzer.seconds();
    }

    /** @return Triadwatch's steady events/s: as {@link #triadwatchRate()} but from the analyzer's first commit */
    double triadwatchSteadyRate() {
        if (alerter != null && alerter.caughtUp()) {
            return loaded.events() / Math.max(1e-9, alerter.seconds() - analyzer.firstCommit());
        }
        return analyzer.processed() * alerterShare / Math.max(1e-9, analyzer.seconds() - analyzer.firstCommit());
    }

    /** @return true when both apps processed all N events within the limit */
    boolean triadwatchComplete() {
        return analyzer.caughtUp() && alerter != null && alerter.caughtUp();
    }
}
