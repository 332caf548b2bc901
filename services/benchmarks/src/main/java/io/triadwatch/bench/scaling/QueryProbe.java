package io.triadwatch.bench.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.serde.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one instance for the dyad list ({@code GET /api/dyads?limit=1000}) every 250 ms on its own
 * thread, as a dashboard would, and keeps every answer: how long a failover makes the list fail
 * (no 200), or answer degraded (200 with stale copies or missing partitions), and how slow it gets.
 */
final class QueryProbe implements AutoCloseable {
    private static final String PATH = "/api/dyads?limit=1000";
    /** Above the analyzer's 10 s forwarding timeout, so that a forward to a dead owner shows as a slow answer, not a cut one. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long INTERVAL_MS = 250;

    private final int port;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * One answer.
     *
     * @param atNanos  when the request was sent ({@link System#nanoTime()})
     * @param status   HTTP status, -1 when no answer came
     * @param degraded a 200 naming stale copies, missing partitions or unavailable instances
     * @param millis   how long it took
     */
    record Sample(long atNanos, int status, boolean degraded, long millis) {
        boolean failed() {
            return status != 200;
        }

        long endNanos() {
            return atNanos + millis * 1_000_000;
        }
    }

    /**
     * The answers of a window.
     *
     * @param requests       answers sent in the window
     * @param failed         of those, not 200
     * @param degraded       of those, 200 but degraded
     * @param failingSeconds from the first failed request's start to the last failed answer's end (0 when none)
     * @param degradedSeconds the same for degraded answers
     * @param slowestMillis  the slowest answer
     */
    record Summary(int requests, int failed, int degraded, double failingSeconds, double degradedSeconds, long slowestMillis) {
        Summary {
            if (failed > requests || degraded > requests) {
                throw new IllegalArgumentException("more failed or degraded answers than requests");
            }
        }
    }

    private QueryProbe(int port) {
        this.port = port;
        this.thread = new Thread(this::loop, "query-probe-" + port);
        this.thread.setDaemon(true);
    }

    /** Starts probing the instance on {@code port}. */
    static QueryProbe start(int port) {
        QueryProbe probe = new QueryProbe(port);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        try {
            while (running) {
                long at = System.nanoTime();
                InstanceHttp.Answer answer = InstanceHttp.get(port, PATH, TIMEOUT);
                Sample sample = new Sample(at, answer.status(), answer.ok() && degraded(answer.body()), answer.millis());
                synchronized (samples) {
                    samples.add(sample);
                }
                long left = INTERVAL_MS - answer.millis();
                if (left > 0) {
                    Thread.sleep(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private static boolean degraded(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            return json.has("stale") || json.has("missingPartitions") || json.has("unavailable");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the dyad list is not JSON: " + body, e);
        }
    }

    /**
     * @return the answers to requests sent from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive)
     * @throws IllegalStateException when the probe itself failed (an unreadable answer)
     */
    Summary between(long fromNanos, long toNanos) {
        if (failure != null) {
            throw new IllegalStateException("the query probe failed", failure);
        }
        List<Sample> window;
        synchronized (samples) {
            window = samples.stream().filter(s -> s.atNanos() >= fromNanos && s.atNanos() < toNanos).toList();
        }
        List<Sample> failed = window.stream().filter(Sample::failed).toList();
        List<Sample> degraded = window.stream().filter(Sample::degraded).toList();
        return new Summary(window.size(), failed.size(), degraded.size(), span(failed), span(degraded),
                window.stream().mapToLong(Sample::millis).max().orElse(0));
    }

    private static double span(List<Sample> samples) {
        if (samples.isEmpty()) {
            return 0;
        }
        long first = samples.stream().mapToLong(Sample::atNanos).min().orElseThrow();
        long last = samples.stream().mapToLong(Sample::endNanos).max().orElseThrow();
        return (last - first) / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TIMEOUT.toMillis());
    }
}
