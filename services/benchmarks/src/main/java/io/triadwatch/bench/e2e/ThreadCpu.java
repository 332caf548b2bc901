package io.triadwatch.bench.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process by thread group over a phase: which part of the one JVM (broker,
 * analyzer, alerter, baseline app, load clients) used the cores. The JVM's own GC and JIT threads
 * and threads that ended during the phase are not visible per thread; they are the remainder of
 * the process CPU time, reported as "GC, JIT and exited threads".
 */
final class ThreadCpu {
    /** Group of the JVM's own work and of threads that ended in the phase. */
    static final String REMAINDER = "GC, JIT and exited threads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long processStart;
    private final long wallStart = System.nanoTime();

    /** Takes the starting snapshot. */
    ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                startByThread.put(id, cpu);
            }
        }
        processStart = processCpuNanos();
    }

    /**
     * The CPU used since the snapshot.
     *
     * @param groups     CPU seconds by group, largest first
     * @param processCpu total CPU seconds of the process
     * @param wall       wall-clock seconds
     */
    record Usage(Map<String, Double> groups, double processCpu, double wall) {
        /** @return average cores busy over the phase */
        double cores() {
            return wall <= 0 ? 0 : processCpu / wall;
        }
    }

    /** @return the usage since construction */
    Usage since() {
        Map<String, Double> groups = new HashMap<>();
        double attributed = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0) {
                continue;
            }
            double seconds = (cpu - startByThread.getOrDefault(ids[i], 0L)) / 1e9;
            groups.merge(group(infos[i].getThreadName()), seconds, Double::sum);
            attributed += seconds;
        }
        double process = (processCpuNanos() - processStart) / 1e9;
        groups.merge(REMAINDER, Math.max(0, process - attributed), Double::sum);
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.05)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Usage(sorted, process, (System.nanoTime() - wallStart) / 1e9);
    }

    /** @return the group a thread belongs to, by its name */
    static String group(String name) {
        if (name.contains("triadwatch-analyzer")) {
            return "analyzer (Streams)";
        }
        if (name.contains("triadwatch-alerter")) {
            return "alerter (Streams)";
        }
        if (name.contains(MinimalStreamsApp.APPLICATION_ID_PREFIX)) {
            return "minimal Streams app";
        }
        if (name.contains("bench-")) {
            return "benchmark clients";
        }
        if (name.contains("triadwatch-ingest") || name.contains("triadwatch-health") || name.contains("triadwatch-reference")
                || name.startsWith("qtp") || name.contains("Javalin") || name.contains("JettyServerThreadPool")) {
            return "app HTTP and ingest";
        }
        if (name.startsWith("main") || name.startsWith("JFR") || name.startsWith("Reference Handler") || name.startsWith("Finalizer")
                || name.startsWith("Signal Dispatcher") || name.startsWith("Common-Cleaner") || name.startsWith("Attach Listener")
                || name.startsWith("Notification Thread") || name.startsWith("process reaper")) {
            return "driver and JVM services";
        }
        return "Kafka broker (in-JVM)";
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
