package io.triadwatch.bench.scaling;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import java.io.IOException;

/**
 * A child's analyzer meters as a local {@link MeterRegistry}, so that {@link AnalyzerCatchUp} — which
 * reads the meters of the analyzer instances to tell whether anything is still held back — works on
 * processes it does not run in: each gauge reads the child's {@code /metrics} when it is read.
 * <p>
 * Only the two gauges {@code AnalyzerMetrics.drained} reads are mirrored: the open coded buckets and
 * the inputs held by the ordering stages (summed over stages). A child that cannot be read gives
 * NaN, which {@code drained} does not take for "nothing held": the wait goes on until the child
 * answers again or the caller's failure check reports it dead.
 */
final class RemoteMeters {
    private static final String OPEN_BUCKETS = "triadwatch.analyzer.combined.open";
    private static final String HELD = "triadwatch.analyzer.order.held";

    private RemoteMeters() {
    }

    /** @return a registry whose analyzer gauges read the child on {@code port} */
    static MeterRegistry of(int port) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Gauge.builder(OPEN_BUCKETS, () -> read(port, "triadwatch_analyzer_combined_open")).register(registry);
        Gauge.builder(HELD, () -> read(port, "triadwatch_analyzer_order_held")).tag("stage", "all").register(registry);
        return registry;
    }

    private static double read(int port, String prometheusName) {
        try {
            return InstanceHttp.metrics(port).sum(prometheusName, labels -> true);
        } catch (IOException e) {
            // Unknown is not "nothing held" (see the class comment).
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }
}
