package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health you can trust: {@code /health} names every component of the process, and {@code /ready}
 * answers 503 for as long as a Kafka Streams instance is not RUNNING, as observed on every answer
 * the demo gave from the moment its HTTP server listened until it was first ready.
 */
@Tag("integration")
@ExtendWith(RunningDemo.Extension.class)
class HealthIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(HealthIntegrationTest.class);
    /** The components the issue names: broker connection, analyzer, alerter, HTTP. */
    private static final Set<String> COMPONENTS = Set.of("kafka", "http", "analyzer", "alerter");
    /** The components that are Kafka Streams instances: not ready unless RUNNING. */
    private static final Set<String> STREAMS = Set.of("analyzer", "alerter");

    @Test
    void shouldReportEveryComponentInHealth(RunningDemo demo) {
        demo.awaitReady();

        HttpResponse<String> health = demo.get("/health");

        JsonNode body = RunningDemo.json(health.body());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(fieldNames(body.path("components"))).containsAll(COMPONENTS);
        body.path("components").forEach(c -> {
            assertThat(c.path("status").asText()).isEqualTo("UP");
            assertThat(c.path("detail").asText()).isNotBlank();
        });
    }

    @Test
    void shouldGateReadinessOnTheStreamsInstances(RunningDemo demo) {
        demo.awaitReady();

        JsonNode ready = RunningDemo.json(demo.get("/ready").body());

        assertThat(fieldNames(ready.path("components"))).as("readiness components").containsAll(STREAMS).contains("kafka");
        STREAMS.forEach(s -> assertThat(ready.path("components").path(s).path("detail").asText()).as(s).contains("RUNNING"));
    }

    @Test
    void shouldAnswer503UntilEveryStreamsInstanceIsRunning(RunningDemo demo) {
        // Given every distinct /ready answer from the HTTP server's first answer to its first 200
        List<RunningDemo.ReadyAnswer> answers = demo.startupReadiness();

        LOG.info("/ready during startup: {}", answers.stream().map(a -> a.status() + " " + a.body().path("components")).toList());

        // Then the last is 200, and each answer is 200 exactly when every component, Streams included, is UP and RUNNING
        assertThat(answers).isNotEmpty();
        assertThat(answers.get(answers.size() - 1).status()).isEqualTo(200);
        for (RunningDemo.ReadyAnswer answer : answers) {
            JsonNode components = answer.body().path("components");
            assertThat(fieldNames(components)).as("components of %s", answer.body()).containsAll(STREAMS);
            boolean allUp = true;
            for (String name : fieldNames(components)) {
                boolean up = "UP".equals(components.path(name).path("status").asText());
                allUp &= up;
                if (STREAMS.contains(name) && up) {
                    assertThat(components.path(name).path("detail").asText()).as("%s is UP only when RUNNING: %s", name, answer.body()).contains("RUNNING");
                }
            }
            assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(allUp ? 200 : 503);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
