package io.triadwatch.bench.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the benchmark reads from a child's HTTP port on 127.0.0.1: its meters ({@code /metrics}),
 * the state of each component ({@code /health}) and the API's answers. Thread-safe.
 */
final class InstanceHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private InstanceHttp() {
    }

    /**
     * An answer, or the failure to get one.
     *
     * @param status the HTTP status, or -1 when none came (refused, reset, timed out)
     * @param body   the body, or the failure in words
     * @param millis how long the request took
     */
    record Answer(int status, String body, long millis) {
        boolean ok() {
            return status == 200;
        }
    }

    /**
     * GET {@code path}; a failure to connect or a timeout is an answer with status -1, because a
     * caller that probes an instance through a failover counts those.
     */
    static Answer get(int port, String path, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * @return the child's meters
     * @throws IOException when it did not answer 200
     */
    static PrometheusText metrics(int port) throws IOException, InterruptedException {
        Answer answer = get(port, "/metrics", Duration.ofSeconds(10));
        if (!answer.ok()) {
            throw new IOException("/metrics on port " + port + " answered " + answer.status() + ": " + answer.body());
        }
        return PrometheusText.parse(answer.body());
    }

    /**
     * @return {@code UP} or {@code DOWN} by component ({@code analyzer}, {@code alerter}, ...), empty
     *         when the child does not answer (starting, dead)
     */
    static Map<String, String> components(int port) throws InterruptedException {
        Answer answer = get(port, "/health", Duration.ofSeconds(2));
        Map<String, String> states = new TreeMap<>();
        if (answer.status() < 0) {
            return states;
        }
        try {
            JsonNode components = Json.mapper().readTree(answer.body()).path("components");
            components.fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue().path("status").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("/health on port " + port + " is not JSON: " + answer.body(), e);
        }
        return states;
    }
}
