package io.triadwatch.launcher.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs on a Triadwatch instance's HTTP API, as an outside client sees them. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private Http() {
    }

    /**
     * One answer: the status, or -1 when no answer came ({@code failure} says why), and the JSON body
     * (missing when it was not JSON).
     */
    record Answer(int status, JsonNode body, String failure) {
        boolean ok() {
            return status == 200;
        }
    }

    /** @return {@code json} parsed; a test's own input, so malformed JSON is a test failure */
    static JsonNode json(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** @return the answer to {@code GET http://address path}; never throws for a failed request */
    static Answer get(String address, String path) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = Json.mapper().readTree(response.body());
            } catch (IOException e) {
                body = MissingNode.getInstance();
            }
            return new Answer(response.statusCode(), body, null);
        } catch (IOException e) {
            return new Answer(-1, MissingNode.getInstance(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, MissingNode.getInstance(), "interrupted");
        }
    }
}
