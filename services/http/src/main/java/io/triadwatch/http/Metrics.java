package io.triadwatch.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/** Creates the process's one Prometheus registry, with the JVM and system binders bound. */
public final class Metrics {
    private Metrics() {
    }

    /** @return a new registry with JVM memory, GC, threads, class loading, CPU and uptime metrics */
    @SuppressWarnings("resource") // JvmGcMetrics lives as long as the registry, i.e. the process
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new NonNegativeCounters();
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * A Prometheus registry whose function counters never read below zero. The Prometheus client
     * rejects a negative counter by throwing from the scrape, so that one such meter fails the whole
     * {@code /metrics} answer (500). Kafka Streams registers one: a DEBUG-level counter sensor that
     * reads -1 (KAFKA-18495, not fixed before Kafka 5.0), seen here with
     * {@code metrics.recording.level=DEBUG}; micrometer#7302 and client_java#1780 track the general
     * problem. Reading it as 0 keeps every other meter scrapeable; instrumentation never throws.
     */
    private static final class NonNegativeCounters extends PrometheusMeterRegistry {
        NonNegativeCounters() {
            super(PrometheusConfig.DEFAULT);
        }

        @Override
        protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
            return super.newFunctionCounter(id, obj, o -> Math.max(0, countFunction.applyAsDouble(o)));
        }
    }
}
