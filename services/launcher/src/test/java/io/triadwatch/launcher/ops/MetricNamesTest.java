package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void shouldFindTheMetricsOfAnExpressionButNotItsFunctionsLabelsOrVariables() {
        // Given an expression with aggregation, grouping, matchers, a range, a Grafana variable and arithmetic
        String expr = "histogram_quantile(0.99, sum by (le, job) (rate(a_seconds_bucket{job=~\"x.*\", le!=\"1e3\"}[$__rate_interval])))"
                + " / on (job) group_left max without (instance) (b_total offset 5m) > bool 1e3 and c unless d:recorded";

        // When it is tokenized
        var names = MetricNames.inPromQl(expr);

        // Then only the metrics remain
        assertThat(names).containsExactlyInAnyOrder("a_seconds_bucket", "b_total", "c", "d:recorded");
    }

    @Test
    void shouldReadSeriesNamesFromAnExposition() {
        String text = """
                # HELP x_total things
                # TYPE x_total counter
                x_total{a="b"} 1.0
                y_seconds_bucket{le="0.1"} 3
                z 2
                """;

        assertThat(MetricNames.inExposition(text)).containsExactly("x_total", "y_seconds_bucket", "z");
    }
}
