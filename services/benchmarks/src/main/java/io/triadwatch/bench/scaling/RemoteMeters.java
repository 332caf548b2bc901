package io.triadwatch.bench.scaling;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.analyzer.AnalyzerCatchUp;
import java.io.IOException;

/**
 * A child's held-back meters as a local {@link MeterRegistry}, so that {@link AnalyzerCatchUp} and
 * {@code AlerterMetrics.drained} — which read the meters of the instances to tell whether anything is
 * still held back — work on processes they do not run in: each gauge reads the child's
 * {@code /metrics} when it is read. Used by the scaling run and the exactly-once runs.
 * <p>
 * Only the gauges {@code AnalyzerMetrics.drained} and {@code AlerterMetrics.drained} read are
 * mirrored: the open coded buckets, the inputs held by the ordering stages (summed over stages) and
 * the dyad states the alerter holds for their triad readings. A child that cannot be read gives
 * NaN, which {@code drained} does not take for "nothing held": the wait goes on until the child
 * answers again or the caller's failure check reports it dead.
 */
public final class RemoteMeters {
    private static final String OPEN_BUCKETS = "triadwatch.analyzer.combined.open";
    private static final String HELD = "triadwatch.analyzer.order.held";
    private static final String CONTEXT_HELD = "triadwatch.alerter.context.held";

    private RemoteMeters() {
    }

    /** @return a registry whose held-back gauges read the child on {@code port} */
    public static MeterRegistry of(int port) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Gauge.builder(OPEN_BUCKETS, () -> read(port, "triadwatch_analyzer_combined_open")).register(registry);
        Gauge.builder(HELD, () -> read(port, "triadwatch_analyzer_order_held")).tag("stage", "all").register(registry);
        Gauge.builder(CONTEXT_HELD, () -> read(port, "triadwatch_alerter_context_held")).register(registry);
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
