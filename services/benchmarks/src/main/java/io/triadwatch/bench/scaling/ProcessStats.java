package io.triadwatch.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a process has cost so far: CPU time (user + system) and its peak resident set. Read while it
 * runs: once it has exited, the kernel no longer has either.
 *
 * @param cpuSeconds CPU time since it started, NaN when unknown
 * @param peakRssMiB VmHWM from /proc/PID/status, -1 when unknown
 */
record ProcessStats(double cpuSeconds, long peakRssMiB) {
    ProcessStats {
        if (cpuSeconds < 0) {
            throw new IllegalArgumentException("CPU time cannot be negative, got " + cpuSeconds);
        }
    }

    /** @return the stats of process {@code pid}, or unknowns where it cannot be read (it exited) */
    static ProcessStats of(long pid) {
        double cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(ProcessStats::seconds).orElse(Double.NaN);
        return new ProcessStats(cpu, peakRssMiB(pid));
    }

    /** @return the stats of this JVM (the driver and its in-JVM broker) */
    static ProcessStats self() {
        return of(ProcessHandle.current().pid());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static long peakRssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            // Not Linux, or the process has gone: the figure is reported as unknown.
            return -1;
        }
    }
}
