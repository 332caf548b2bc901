package io.triadwatch.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal server-sent-event client on {@code java.net.http}: parses events on a background thread
 * and counts comment lines; {@link #close()} drops the connection.
 */
public final class SseReader implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final String errorBody;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** One event. */
    public record Event(String id, String event, String data) {
    }

    private SseReader(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            return;
        }
        errorBody = null;
        Thread reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code uri} with {@code Accept: text/event-stream} and, if given, {@code Last-Event-ID}.
     * Returns once the response headers arrived.
     */
    public static SseReader open(URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseReader(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** @return the response status */
    public int status() {
        return response.statusCode();
    }

    /** @return the response's Content-Type */
    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** @return the body of a non-200 response */
    public String errorBody() {
        return errorBody;
    }

    /** @return how many comment lines (heartbeats) arrived so far */
    public int comments() {
        return comments.get();
    }

    /** @return events received but not yet taken */
    public int pending() {
        return events.size();
    }

    /**
     * Takes the next {@code n} events, waiting for each up to {@code patience}.
     *
     * @throws AssertionError if fewer arrive
     */
    public List<Event> take(int n, Duration patience) throws InterruptedException {
        List<Event> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Event event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("expected " + n + " events, got " + taken.size() + ": " + taken);
            }
            taken.add(event);
        }
        return taken;
    }

    /**
     * Waits until the server ended the stream (or {@link #close()} dropped it) and every event sent
     * before the end is parsed, then takes them all.
     *
     * @throws AssertionError if the stream did not end within {@code patience}
     */
    public List<Event> drainAfterEnd(Duration patience) throws InterruptedException {
        if (!ended.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the event stream did not end within " + patience);
        }
        List<Event> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0 || event != null) {
                        events.add(new Event(id, event == null ? "message" : event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(value(line));
                }
            }
        } catch (IOException e) {
            // the test closed the stream, or the server ended it
        } finally {
            ended.countDown();
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
