package io.triadwatch.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.triadwatch.http.ApiError;
import io.triadwatch.http.HttpProblem;
import io.triadwatch.http.HttpRoutes;
import io.triadwatch.http.HttpServer;
import io.triadwatch.http.MediaTypes;
import io.triadwatch.http.RequestBodies;
import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.EventTimeWindow;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/events} (one JSON event) and {@code POST /api/events/batch} (NDJSON or a JSON
 * array). Both answer once the cluster acknowledged every event: 202 means durably published.
 * <p>
 * A batch is all or nothing: when any item is invalid, the answer is 400 listing every invalid
 * item, and nothing is published, so a client can fix and resend the whole batch. Rejected HTTP
 * input is answered, not dead-lettered: the client still holds it.
 * <p>
 * Both read the body through {@link RequestBodies}: it must be UTF-8 without a NUL byte. Both refuse
 * an event whose {@code occurredAt} is outside the {@link EventTimeWindow} (judged against the clock
 * when the request arrives) as {@code OUT_OF_RANGE}, naming {@code $.occurredAt}.
 */
public final class IngestRoutes implements HttpRoutes {
    /** Most events in one batch request. */
    public static final int MAX_BATCH_EVENTS = 10_000;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final String CHANNEL = "http";

    private final EventPublisher publisher;
    private final EventTimeWindow window;
    private final Clock clock;

    /**
     * Routes with the event-time window of the environment ({@link EventTimeWindow#fromEnvironment()}).
     *
     * @param publisher where accepted events go
     */
    public IngestRoutes(EventPublisher publisher) {
        this(publisher, EventTimeWindow.fromEnvironment(), Clock.systemUTC());
    }

    /**
     * @param publisher where accepted events go
     * @param window    the event times accepted
     * @param clock     "now" for the window
     */
    public IngestRoutes(EventPublisher publisher, EventTimeWindow window, Clock clock) {
        this.publisher = publisher;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/api/events", this::single);
        config.routes.post("/api/events/batch", this::batch);
    }

    private void single(Context ctx) {
        MediaTypes.require(ctx, Set.of(MediaTypes.JSON));
        Decoded<Event> decoded = window.admit(Codecs.events().decode(utf8Body(ctx)), clock.instant());
        if (!decoded.accepted()) {
            throw reject(decoded.rejection());
        }
        EventPublisher.Outcome outcome = await(List.of(publisher.publish(decoded.value(), CHANNEL))).get(0);
        ctx.status(202).json(Map.of("id", decoded.value().id(), "status", outcome == EventPublisher.Outcome.PUBLISHED ? "accepted" : "duplicate"));
    }

    private void batch(Context ctx) {
        String mediaType = MediaTypes.require(ctx, Set.of(MediaTypes.JSON, MediaTypes.NDJSON));
        byte[] body = utf8Body(ctx);
        Instant now = clock.instant();
        List<Decoded<Event>> items = (MediaTypes.NDJSON.equals(mediaType) ? decodeLines(body) : decodeArray(body)).stream()
                .map(d -> window.admit(d, now)).toList();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Rejection r = items.get(i).rejection();
            if (r != null) {
                publisher.metrics().rejected(CHANNEL, r.reason());
                invalid.add(describe(i, r));
            }
        }
        if (!invalid.isEmpty()) {
            ctx.status(400).json(Map.of("error", "invalid_batch", "field", invalid.get(0).get("field"),
                    "message", invalid.size() + " of " + items.size() + " events are invalid; nothing was published",
                    "rejections", invalid));
            return;
        }
        List<CompletableFuture<EventPublisher.Outcome>> sends = items.stream().map(d -> publisher.publish(d.value(), CHANNEL)).toList();
        List<EventPublisher.Outcome> outcomes = await(sends);
        long duplicates = outcomes.stream().filter(o -> o == EventPublisher.Outcome.DUPLICATE).count();
        ctx.status(202).json(Map.of("accepted", outcomes.size() - duplicates, "duplicates", duplicates,
                "ids", items.stream().map(d -> d.value().id()).toList()));
    }

    /** The body, checked to be UTF-8 without NUL; an encoding refusal is counted as {@code INVALID_JSON}. */
    private byte[] utf8Body(Context ctx) {
        try {
            return RequestBodies.utf8Bytes(ctx);
        } catch (HttpProblem encoding) {
            publisher.metrics().rejected(CHANNEL, RejectReason.INVALID_JSON);
            throw encoding;
        }
    }

    /** @param body checked UTF-8, so decoding it substitutes nothing */
    private static List<Decoded<Event>> decodeLines(byte[] body) {
        List<Decoded<Event>> items = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                items.add(Codecs.events().decode(line.getBytes(StandardCharsets.UTF_8)));
                checkCount(items.size());
            }
        }
        return requireSome(items);
    }

    private static List<Decoded<Event>> decodeArray(byte[] body) {
        JsonNode array;
        try {
            array = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw HttpProblem.badRequest("invalid_json", "$", "the batch is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (array == null || !array.isArray()) {
            throw HttpProblem.badRequest("invalid_batch", "$", "a JSON batch is an array of events; use application/x-ndjson for one event per line");
        }
        checkCount(array.size());
        List<Decoded<Event>> items = new ArrayList<>();
        array.forEach(node -> items.add(Codecs.events().decode(node)));
        return requireSome(items);
    }

    private static void checkCount(int count) {
        if (count > MAX_BATCH_EVENTS) {
            throw new HttpProblem(413, new ApiError("too_large", null, "a batch holds at most " + MAX_BATCH_EVENTS + " events"), null);
        }
    }

    private static List<Decoded<Event>> requireSome(List<Decoded<Event>> items) {
        if (items.isEmpty()) {
            throw HttpProblem.badRequest("invalid_batch", "$", "the batch holds no event");
        }
        return items;
    }

    private static Map<String, Object> describe(int index, Rejection r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", index);
        if (r.eventId() != null) {
            item.put("id", r.eventId());
        }
        item.put("reason", r.reason().name());
        item.put("field", r.field());
        item.put("message", r.detail());
        return item;
    }

    private HttpProblem reject(Rejection r) {
        publisher.metrics().rejected(CHANNEL, r.reason());
        if (r.reason() == RejectReason.TOO_LARGE) {
            return HttpServer.tooLarge(-1, Codecs.events().maxBytes());
        }
        return HttpProblem.badRequest("invalid_event", r.field(), r.reason() + ": " + r.detail());
    }

    private static List<EventPublisher.Outcome> await(List<CompletableFuture<EventPublisher.Outcome>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return sends.stream().map(CompletableFuture::join).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw HttpProblem.unavailable("could not publish to Kafka: " + (e.getCause() == null ? e : e.getCause()).getMessage()
                    + "; events that were acknowledged are counted, resend the rest (repeated ids are recognised)", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.unavailable("interrupted while publishing", 5);
        }
    }
}
