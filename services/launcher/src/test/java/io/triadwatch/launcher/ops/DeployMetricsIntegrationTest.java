package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the alert rules and the Grafana dashboard query is one a running Triadwatch exposes:
 * a renamed or missing meter fails here, not silently in production.
 */
@Tag("integration")
@ExtendWith(RunningDemo.Extension.class)
class DeployMetricsIntegrationTest {

    @Test
    void shouldExposeEveryMetricTheRulesAndTheDashboardUse(RunningDemo demo) {
        // Given the metric names of the rules and the dashboard
        Set<String> used = new TreeSet<>();
        DeployFiles.ruleExpressions().forEach(e -> used.addAll(MetricNames.inPromQl(e)));
        DeployFiles.dashboardExpressions().forEach(e -> used.addAll(MetricNames.inPromQl(e)));
        used.removeAll(MetricNames.SYNTHETIC);
        assertThat(used).as("the tokenizer found the metrics").contains("kafka_stream_client_state", "triadwatch_sse_clients",
                "triadwatch_ingest_events_accepted_total", "kafka_consumer_fetch_manager_records_lag_max");

        // And a demo that has served HTTP and rejected one event and a repeated one (meters registered on first use)
        demo.awaitReady();
        String id = "ops-metrics-" + UUID.randomUUID();
        String event = "{\"id\":\"" + id + "\",\"kind\":\"TREATY\",\"occurredAt\":\"2024-06-19\",\"source\":{\"name\":\"ops test\"},"
                + "\"parties\":[\"FIN\",\"ISL\"],\"treatyType\":\"FRIENDSHIP_AND_COOPERATION\"}";
        assertThat(demo.postJson("/api/events", event).statusCode()).isEqualTo(202);
        assertThat(demo.postJson("/api/events", event).body()).contains("duplicate");
        assertThat(demo.postJson("/api/events", "{\"id\":\"" + id + "-bad\",\"kind\":\"TREATY\"}").statusCode()).isEqualTo(400);

        // Then every one of them appears in /metrics (Streams meters appear once the Streams instances run)
        await("every metric used by deploy/ in the demo's /metrics").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Set<String> missing = new TreeSet<>(used);
                    missing.removeAll(MetricNames.inExposition(demo.scrape()));
                    assertThat(missing).as("metrics used in deploy/prometheus/triadwatch-rules.yml or deploy/grafana/triadwatch-dashboard.json"
                            + " but absent from the running demo's /metrics").isEmpty();
                });
    }
}
