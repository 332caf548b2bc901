package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code promtool} (Debian package {@code prometheus}) accepts the Prometheus config and rules of
 * {@code deploy/}, and the rules' unit tests pass: each alert fires on the series it is about and
 * stays quiet otherwise. Skipped when promtool is not installed.
 */
class PromtoolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * {@code check config} (which also checks the rule file it loads), {@code check rules}, and
     * {@code test rules}: each alert fires on the series it is about and stays quiet otherwise.
     */
    @ParameterizedTest(name = "promtool {0} {1} deploy/{2}")
    @CsvSource(delimiter = '|', textBlock = """
            check | config | prometheus/prometheus.yml            | 1 rule files found
            check | rules  | prometheus/triadwatch-rules.yml      | rules found
            test  | rules  | prometheus/triadwatch-rules.test.yml | SUCCESS
            """)
    void shouldPass(String command, String what, String deployFile, String expectedOutput) {
        Path promtool = ExternalTools.require("promtool", "prometheus");

        ExternalTools.Result result = ExternalTools.run(TIMEOUT, promtool.toString(), command, what, DeployFiles.file(deployFile).toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout() + result.stderr()).as(result.describe()).contains(expectedOutput);
    }

    @Test
    void shouldTestEveryAlertOfTheRuleFile() {
        var tested = DeployFiles.yaml(DeployFiles.file("prometheus/triadwatch-rules.test.yml")).path("tests").findValuesAsText("alertname");
        var alerts = DeployFiles.yaml(DeployFiles.file("prometheus/triadwatch-rules.yml")).path("groups").findValuesAsText("alert");

        assertThat(tested).containsAll(alerts);
    }
}
