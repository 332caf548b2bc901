package io.triadwatch.delivery.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.util.List;
import java.util.Objects;

/**
 * The alert HTTP API, served from an {@link AlertFeed}:
 * <ul>
 *   <li>{@code GET /api/alerts?status=&subject=&type=&since=&limit=&cursor=}: one item per episode,
 *       newest first, paged; see {@link AlertQuery}. Body: {@link AlertPage};</li>
 *   <li>{@code GET /api/alerts/{fingerprint}}: the latest record and the kept history. Body:
 *       {@link AlertDetail}; 404 when the fingerprint is unknown;</li>
 *   <li>{@code GET /api/alerts/stream}: server-sent events, resumable with {@code Last-Event-ID};
 *       see {@link AlertStreams} for the protocol, the heartbeat and the cap on open streams.</li>
 * </ul>
 * Errors are answered here with JSON {@link ApiError} bodies: 400 for a bad parameter (naming it),
 * 404, 406 (stream without {@code Accept: text/event-stream}) and 503 (too many streams).
 * Authentication, CORS and the server itself belong to whoever calls {@link #addTo}.
 * <p>
 * The API answers from memory as soon as it is added; until {@link AlertFeed#isReady()} the answers
 * may miss records the feed has not read yet, so readiness checks should include the feed.
 */
public final class AlertApi implements AutoCloseable {
    /** The list path. */
    public static final String ALERTS_PATH = "/api/alerts";
    /** The event stream path. */
    public static final String STREAM_PATH = "/api/alerts/stream";
    /** The single-alert path. */
    public static final String ALERT_PATH = "/api/alerts/{fingerprint}";

    private static final String JSON = "application/json";

    private final AlertFeed feed;
    private final AlertApiSettings settings;
    private final AlertStreams streams;

    /**
     * @param feed     where alerts come from; the caller starts and closes it
     * @param settings page sizes, heartbeat and stream cap
     * @param registry where {@code triadwatch.sse.clients} goes
     */
    public AlertApi(AlertFeed feed, AlertApiSettings settings, MeterRegistry registry) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.streams = new AlertStreams(feed, settings, Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Registers the three routes on {@code cfg} (the stream before {@code {fingerprint}}, so that
     * {@code stream} is never read as a fingerprint).
     *
     * @param cfg the configuration of the Javalin server being built
     */
    public void addTo(JavalinConfig cfg) {
        cfg.routes.get(ALERTS_PATH, guarded(this::list));
        cfg.routes.get(STREAM_PATH, guarded(streams::handle));
        cfg.routes.get(ALERT_PATH, guarded(this::one));
    }

    /** @return how many event streams are open now */
    public int openStreams() {
        return streams.open();
    }

    /** Ends every open event stream and answers new ones 503. The feed stays open. */
    @Override
    public void close() {
        streams.close();
    }

    private void list(Context ctx) {
        AlertQuery query = AlertQuery.parse(ctx::queryParam, settings.defaultLimit(), settings.maxLimit());
        json(ctx, 200, query.select(feed.episodes()));
    }

    private void one(Context ctx) {
        String fingerprint = ctx.pathParam("fingerprint");
        List<FeedEntry> history = feed.history(fingerprint);
        if (history.isEmpty()) {
            json(ctx, 404, new ApiError("not_found", "fingerprint", "no alert with fingerprint '" + fingerprint + "'"));
            return;
        }
        List<Alert> alerts = history.stream().map(FeedEntry::alert).toList();
        json(ctx, 200, new AlertDetail(alerts.get(0), alerts));
    }

    private static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (BadParameterException e) {
                json(ctx, 400, e.toError());
            }
        };
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.string(body));
    }
}
