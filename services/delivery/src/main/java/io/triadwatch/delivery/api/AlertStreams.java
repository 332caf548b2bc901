package io.triadwatch.delivery.api;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.delivery.feed.FeedPosition;
import io.triadwatch.serde.Json;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent-event stream {@code GET /api/alerts/stream}.
 * <p>
 * Each alert record is one event: {@code id:} a {@link FeedPosition} (partition offsets, the same
 * on every alerter instance), {@code event: alert}, {@code data:} the alert's JSON on one line.
 * A client that reconnects with the {@code Last-Event-ID} header (browsers do this by themselves)
 * or {@code ?lastEventId=} gets every record it has not seen exactly once, then live ones. A client
 * without one gets every record still in the feed's log, then live ones, so it can build its view
 * from the stream alone. If records the client has not seen were already dropped from the bounded
 * log, the stream starts with one {@code event: gap} (no id, data {@code {"reason": ...}}): the
 * client should reload {@code GET /api/alerts}. A comment line {@code : heartbeat} goes out after
 * every heartbeat period of silence.
 * <p>
 * At most {@link AlertApiSettings#maxStreams()} streams are open at once; one more is answered
 * 503 with an {@link ApiError} ({@code too_many_streams}). A stream ends when the client goes away
 * (noticed at the next write, at the latest at the next heartbeat) or when the API is closed.
 * Each stream has its own thread. The gauge {@code triadwatch.sse.clients} counts open streams.
 */
final class AlertStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreams.class);
    private static final int BATCH = 256;
    private static final String EVENT_STREAM = "text/event-stream";

    private final AlertFeed feed;
    private final AlertApiSettings settings;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    AlertStreams(AlertFeed feed, AlertApiSettings settings, MeterRegistry registry) {
        this.feed = feed;
        this.settings = settings;
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "triadwatch-sse-" + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("triadwatch.sse.clients", open, AtomicInteger::get)
                .description("open server-sent-event streams of alerts").register(registry);
    }

    /** Handles {@code GET /api/alerts/stream}. */
    void handle(Context ctx) throws Exception {
        FeedPosition from = resumePosition(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(EVENT_STREAM)) {
            AlertApi.json(ctx, 406, new ApiError("not_acceptable", "Accept", "this is an event stream: send Accept: " + EVENT_STREAM));
            return;
        }
        if (closed.get()) {
            AlertApi.json(ctx, 503, new ApiError("unavailable", null, "the alert stream is shutting down"));
            return;
        }
        if (open.incrementAndGet() > settings.maxStreams()) {
            open.decrementAndGet();
            AlertApi.json(ctx, 503, new ApiError("too_many_streams", null,
                    "at most " + settings.maxStreams() + " alert streams may be open at once; retry later"));
            return;
        }
        new SseHandler(client -> start(client, from)).handle(ctx);
    }

    /** @return how many streams are open */
    int open() {
        return open.get();
    }

    /** Ends every stream and refuses new ones. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clients.forEach(SseClient::close);
            threads.shutdownNow();
        }
    }

    private static FeedPosition resumePosition(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String field = header != null && !header.isBlank() ? "Last-Event-ID" : "lastEventId";
        String text = header != null && !header.isBlank() ? header : ctx.queryParam("lastEventId");
        try {
            return FeedPosition.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(field, e.getMessage());
        }
    }

    private void start(SseClient client, FeedPosition from) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                clients.remove(client);
                open.decrementAndGet();
            }
        };
        client.keepAlive();
        client.onClose(release);
        clients.add(client);
        try {
            threads.execute(() -> {
                try {
                    pump(client, from);
                } finally {
                    client.close();
                    release.run();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not start an alert stream", e);
            client.close();
            release.run();
        }
    }

    private void pump(SseClient client, FeedPosition from) {
        if (!from.equals(FeedPosition.START) && feed.droppedUnseen(from)) {
            sendGap(client, "records after Last-Event-ID were dropped from this server's log; reload /api/alerts");
        }
        FeedPosition position = from;
        long cursor = feed.oldestSeq() - 1;
        try {
            while (!client.terminated() && !closed.get()) {
                List<FeedEntry> batch = feed.entriesAfter(cursor, BATCH);
                if (!batch.isEmpty()) {
                    if (batch.get(0).seq() > cursor + 1) {
                        sendGap(client, "this stream fell behind and records were dropped from the log; reload /api/alerts");
                    }
                    position = send(client, batch, position);
                    cursor = batch.get(batch.size() - 1).seq();
                } else if (!feed.awaitEntriesAfter(cursor, settings.heartbeat())) {
                    if (feed.isClosed()) {
                        return;
                    }
                    client.sendComment("heartbeat");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the entries {@code position} has not seen; returns the position after them. */
    private static FeedPosition send(SseClient client, List<FeedEntry> batch, FeedPosition position) {
        FeedPosition now = position;
        for (FeedEntry entry : batch) {
            if (client.terminated()) {
                break;
            }
            if (!now.covers(entry)) {
                now = now.after(entry);
                client.sendEvent("alert", entry.json(), now.toString());
            }
        }
        return now;
    }

    private static void sendGap(SseClient client, String reason) {
        client.sendEvent("gap", Json.string(new Gap(reason)));
    }

    /** The data of a {@code gap} event. */
    record Gap(String reason) {
    }
}
