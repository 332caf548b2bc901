package io.triadwatch.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String SCRAPE = """
            # HELP kafka_stream_task_restore_total The total number of records restored
            # TYPE kafka_stream_task_restore_total counter
            kafka_stream_task_restore_total{kafka_version="4.4.0",task_id="1_0",thread_id="triadwatch-analyzer-2d43-StreamThread-1"} 120.0
            kafka_stream_task_restore_total{kafka_version="4.4.0",task_id="1_1",thread_id="triadwatch-analyzer-2d43-StreamThread-1"} 30.0
            kafka_stream_task_restore_total{kafka_version="4.4.0",task_id="1_0",thread_id="triadwatch-alerter-bcd7-StreamThread-1"} 7.0
            triadwatch_analyzer_combined_open 0.0
            triadwatch_analyzer_order_held{stage="dyad"} 2.0
            triadwatch_analyzer_order_held{stage="triad"} 1.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="a \\"quoted\\" id"} NaN
            """;

    @Test
    void shouldSumAMeterOverTheLabelsASelectorAccepts() {
        // Given a child's scrape
        PrometheusText text = PrometheusText.parse(SCRAPE);

        // When one application's restore counters and every ordering stage's held inputs are summed
        double analyzer = text.sum("kafka_stream_task_restore_total", l -> l.get("thread_id").startsWith("triadwatch-analyzer-"));
        double held = text.sum("triadwatch_analyzer_order_held", l -> true);

        // Then only the matching samples count, unlabelled samples and escaped quotes included
        assertThat(analyzer).isEqualTo(150.0);
        assertThat(held).isEqualTo(3.0);
        assertThat(text.sum("triadwatch_analyzer_combined_open", l -> true)).isZero();
        assertThat(text.count("kafka_stream_task_restore_total", l -> true)).isEqualTo(3);
        assertThat(text.sum("kafka_consumer_fetch_manager_records_lag_max", l -> l.get("client_id").equals("a \\\"quoted\\\" id"))).isNaN();
        assertThat(text.sum("no_such_meter", l -> true)).isZero();
    }

    @Test
    void shouldRefuseALineThatIsNotASample() {
        assertThatThrownBy(() -> PrometheusText.parse("kafka_stream_task_restore_total{task_id=\"1_0\"} many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sample value");
    }
}
