package io.triadwatch.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the numbers were measured on: processors, memory, CPU model, Java, and the load average
 * (other work on the machine competes for the same cores).
 *
 * @param processors available processors
 * @param memoryGiB  total memory (MemTotal)
 * @param cpuModel   the first "model name" of /proc/cpuinfo
 * @param java       Java vendor, version and VM
 * @param os         operating system and kernel
 * @param maxHeapMiB the driver's maximum heap
 */
public record MachineInfo(int processors, double memoryGiB, String cpuModel, String java, String os, long maxHeapMiB) {

    /** @return this machine and this JVM, read now */
    public static MachineInfo read() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), memTotalGiB(), readCpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** @return the 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** @return the JVM's input arguments, joined */
    static String jvmArguments() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static double memTotalGiB() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0);
            }
        }
        return Double.NaN;
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
