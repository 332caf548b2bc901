package io.triadwatch.analyzer;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.streams.CatchUp;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Everything sent to the analyzer has reached its state": its consumer group caught up with its
 * inputs and repartition topics, and the coded buckets its intake held open were forwarded,
 * applied and committed by the dyad stage.
 * <p>
 * Why more than {@link CatchUp}: an open bucket is forwarded by a wall-clock punctuation (the
 * intake idle for a flush interval), which advances no input offset, so offsets at their ends
 * cannot tell that it is still on its way. So: wait for the inputs to be processed, then for the
 * analyzer's meters in this process to show no open bucket and every impulse applied
 * ({@link AnalyzerMetrics#settled}), then for the offsets again (the dyad stage commits what it applied).
 */
public final class AnalyzerCatchUp {
    private AnalyzerCatchUp() {
    }

    /**
     * Blocks until the analyzer {@code applicationId}, whose meters are in {@code registries} (one
     * per instance), has applied everything on {@code inputs}.
     *
     * @param failure returns why the analyzer can no longer catch up (it died), or null while it can
     * @throws IllegalStateException when it does not within {@code timeout}, or {@code failure} reports
     */
    public static void await(CatchUp catchUp, String applicationId, List<String> inputs, Duration timeout, Supplier<String> failure,
                             MeterRegistry... registries) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        catchUp.await(applicationId, inputs, timeout, failure);
        while (!AnalyzerMetrics.settled(registries)) {
            String failed = failure.get();
            if (failed != null || System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + ": the open coded buckets did not reach the dyad stage within " + timeout
                        + (failed == null ? "" : ": " + failed));
            }
            Thread.sleep(50);
        }
        catchUp.await(applicationId, inputs, remaining(deadline), failure);
    }

    /**
     * Blocks until the analyzer {@code applicationId}, whose meters are in {@code registries} (one
     * per instance), has applied everything on {@code inputs} and holds nothing back
     * ({@link AnalyzerMetrics#drained}): what a live caller needs once its inputs stopped, when the
     * last events wait in the ordering stages for their intake tasks to say they are idle. Nothing
     * held and offsets at their ends twice in a row, because a dyad stage that releases its last
     * inputs hands moves to the triad stage, which may hold them in turn.
     *
     * @param failure returns why the analyzer can no longer catch up (it died), or null while it can
     * @throws IllegalStateException when it does not within {@code timeout}, or {@code failure} reports
     */
    public static void awaitDrained(CatchUp catchUp, String applicationId, List<String> inputs, Duration timeout, Supplier<String> failure,
                                    MeterRegistry... registries) throws InterruptedException {
        catchUp.await(applicationId, inputs, timeout, failure, () -> AnalyzerMetrics.drained(registries));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
