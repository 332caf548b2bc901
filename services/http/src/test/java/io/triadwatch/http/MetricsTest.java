package io.triadwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void shouldScrapeEverythingWhenOneFunctionCounterReadsNegative() {
        // Given the process registry with a function counter that reads -1 (as a Kafka Streams DEBUG sensor does) and a normal counter
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        FunctionCounter.builder("test.broken.sensor", new Object(), o -> -1).register(registry);
        Counter.builder("test.healthy").register(registry).increment(3);

        // When it is scraped
        String text = registry.scrape();

        // Then the scrape succeeds, the broken counter reads 0 and the others are all there
        assertThat(text).contains("test_broken_sensor_total 0.0").contains("test_healthy_total 3.0").contains("jvm_memory_used_bytes");
    }
}
