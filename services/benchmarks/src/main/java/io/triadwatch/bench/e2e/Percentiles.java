package io.triadwatch.bench.e2e;

import java.util.Arrays;

/** Collects latency samples (milliseconds) and answers percentiles by the nearest-rank method. Thread-safe. */
final class Percentiles {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int count() {
        return size;
    }

    /** @return the {@code p}-th percentile (0 &lt; p &le; 100), or -1 without samples */
    synchronized long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    /** @return the samples so far, as a new collection; this one starts empty again (a sampling window) */
    synchronized Percentiles drain() {
        Percentiles window = new Percentiles();
        window.values = Arrays.copyOf(values, Math.max(1, size));
        window.size = size;
        size = 0;
        return window;
    }

    /** @return the largest sample, or -1 */
    synchronized long max() {
        return percentile(100);
    }
}
