package io.triadwatch.adapters;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives progress reports from a run: every {@link #interval()} records read and once when the
 * input ends. It is called on the thread that iterates the run. An exception it throws is logged
 * and does not stop the run.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Default number of records between reports. */
    long DEFAULT_INTERVAL = 10_000;

    /** A listener that ignores every report. */
    ProgressListener NONE = progress -> { };

    /** Receives one report. */
    void onProgress(AdapterProgress progress);

    /** @return the number of records between reports, at least 1; {@value #DEFAULT_INTERVAL} by default */
    default long interval() {
        return DEFAULT_INTERVAL;
    }

    /**
     * @param records records between reports, at least 1
     * @param sink    receives each report
     * @return a listener reporting every {@code records} records
     */
    static ProgressListener every(long records, Consumer<AdapterProgress> sink) {
        if (records < 1) {
            throw new IllegalArgumentException("records must be at least 1, got " + records);
        }
        Objects.requireNonNull(sink, "sink");
        return new ProgressListener() {
            @Override
            public void onProgress(AdapterProgress progress) {
                sink.accept(progress);
            }

            @Override
            public long interval() {
                return records;
            }
        };
    }
}
