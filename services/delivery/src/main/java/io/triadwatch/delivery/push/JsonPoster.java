package io.triadwatch.delivery.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to one URL and sorts the answer into delivered / retry / rejected, counting
 * {@code triadwatch.push.success{target}} and {@code triadwatch.push.failure{target}} per request,
 * and {@code triadwatch.push.dropped{target}} per record given up on. It keeps count of the failures
 * in a row for {@link #backoff()}. Used from one thread at a time (its pusher's worker).
 */
final class JsonPoster {
    private static final Logger LOG = LoggerFactory.getLogger(JsonPoster.class);
    private static final int MAX_LOGGED_BODY = 500;

    /** What became of one POST. */
    enum Outcome {
        /** 2xx. */
        DELIVERED,
        /** Connection failure, timeout, 408, 429 or 5xx: worth trying again. */
        RETRY,
        /** Any other answer (a 4xx, a redirect): the same request would fail again. */
        REJECTED
    }

    private final String target;
    private final URI uri;
    private final PushSettings settings;
    private final HttpClient http;
    private final Counter success;
    private final Counter failure;
    private final Counter dropped;
    private int failuresInARow;

    JsonPoster(String target, URI uri, PushSettings settings, MeterRegistry registry) {
        this.target = target;
        this.uri = uri;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        validateHeaders(uri, settings.headers());
        this.success = Counter.builder("triadwatch.push.success").tag("target", target)
                .description("push requests answered 2xx").register(registry);
        this.failure = Counter.builder("triadwatch.push.failure").tag("target", target)
                .description("push requests that failed (to be retried, or rejected)").register(registry);
        this.dropped = Counter.builder("triadwatch.push.dropped").tag("target", target)
                .description("alert records given up on: rejected by the target or pushed out of a full queue").register(registry);
    }

    /** @return where this poster sends */
    URI uri() {
        return uri;
    }

    /**
     * Sends {@code body}; never throws except on interruption (any other failure is a {@link Outcome#RETRY}).
     *
     * @param body         the JSON
     * @param extraHeaders headers for this request only, besides {@link PushSettings#headers()}
     * @param records      how many alert records the body carries, counted as dropped if it is rejected
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    Outcome post(byte[] body, Map<String, String> extraHeaders, int records) throws InterruptedException {
        Outcome outcome = send(body, extraHeaders);
        failuresInARow = outcome == Outcome.RETRY ? failuresInARow + 1 : 0;
        if (outcome == Outcome.REJECTED) {
            dropped.increment(records);
        }
        return outcome;
    }

    /** @return the pause before retrying after the last {@link Outcome#RETRY}, growing with failures in a row */
    Duration backoff() {
        return settings.backoff(failuresInARow);
    }

    private Outcome send(byte[] body, Map<String, String> extraHeaders) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "triadwatch-alerter")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.headers().forEach(request::header);
        extraHeaders.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            failure.increment();
            LOG.warn("push to {} ({}) failed: {}; will retry", target, uri, e.toString());
            return Outcome.RETRY;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            success.increment();
            return Outcome.DELIVERED;
        }
        failure.increment();
        String answer = abbreviate(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            LOG.warn("push to {} ({}) answered {}: {}; will retry", target, uri, status, answer);
            return Outcome.RETRY;
        }
        LOG.error("push to {} ({}) rejected with {}: {}; giving up on this request", target, uri, status, answer);
        return Outcome.REJECTED;
    }

    /** Counts {@code records} records given up on. */
    void dropped(int records) {
        dropped.increment(records);
    }

    /** Fails fast on headers {@code java.net.http} refuses (such as {@code Host}), rather than at every push. */
    private static void validateHeaders(URI uri, Map<String, String> headers) {
        HttpRequest.Builder probe = HttpRequest.newBuilder(uri);
        headers.forEach(probe::header);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_LOGGED_BODY ? text : text.substring(0, MAX_LOGGED_BODY) + "…";
    }
}
