package io.triadwatch.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process memory: the kernel's resident-set figures of this process (VmHWM is the peak, VmRSS the
 * current) and the heap's peak since the last {@link #resetPeakHeap()}.
 */
final class Memory {
    private Memory() {
    }

    /** @return VmHWM (peak resident set) of this process in MiB, or -1 */
    static long peakRssMiB() {
        return statusKiB(Path.of("/proc/self/status"), "VmHWM:") / 1024;
    }

    /** @return VmRSS of this process in MiB, or -1 */
    static long rssMiB() {
        return statusKiB(Path.of("/proc/self/status"), "VmRSS:") / 1024;
    }

    /** @return VmHWM of process {@code pid} in MiB, or -1 */
    static long peakRssMiB(long pid) {
        return statusKiB(Path.of("/proc/" + pid + "/status"), "VmHWM:") / 1024;
    }

    private static long statusKiB(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }

    /** Starts a new heap-peak window. */
    static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** @return the sum of the heap pools' peaks since {@link #resetPeakHeap()}, in MiB (an upper bound of the peak heap in use) */
    static long peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    /** @return the heap committed now, in MiB */
    static long committedHeapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
    }
}
