package io.triadwatch.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.serde.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of a Triadwatch process. It owns what every route shares: JSON errors
 * (never a stack trace or an HTML page, also for what Jetty answers before a route runs; a body
 * the client broke or cut short is a 400, logged as one line), the guard of writes
 * ({@link WriteGuard}: rate limit, token, declared size), a CORS policy closed unless origins are
 * allowed, optional TLS ({@link HttpSecurity}),
 * {@code /metrics}, {@code /health}, {@code /ready} and {@code /live}, and request timing. Features add their
 * routes as {@link HttpRoutes}.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server.
     *
     * @param config   where to listen and the write token
     * @param registry the process's metrics registry, scraped at {@code /metrics}
     * @param health   the process's health registry, served at {@code /health} and {@code /ready}
     * @param routes   the features' routes
     * @return the running server
     */
    public static HttpServer start(HttpServerConfig config, PrometheusMeterRegistry registry, HealthRegistry health, List<HttpRoutes> routes) {
        HttpSecurity security = config.security();
        WriteGuard guard = new WriteGuard(new BearerAuth(config.apiToken()),
                security.readToken() == null ? null : new BearerAuth(security.readToken()),
                security.writeLimit() == null ? null : new WriteRateLimiter(security.writeLimit(), System::nanoTime),
                config.maxBodyBytes());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
            // Errors Jetty answers itself, before a route runs (414, 431, 505, malformed requests), are JSON too.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            if (security.tls() != null) {
                cfg.jetty.addConnector((server, http) -> TlsConnector.create(server, http, config.host(), config.port(), security.tls()));
            }
            if (!security.corsOrigins().isEmpty()) {
                List<String> origins = security.corsOrigins();
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                    rule.exposeHeader("Retry-After");
                }));
            }
            cfg.routes.before("/api/*", guard::check);
            mapErrors(cfg);
            timeRequests(cfg, registry);
            cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
            cfg.routes.get("/health", ctx -> report(ctx, health.health()));
            cfg.routes.get("/ready", ctx -> report(ctx, health.readiness()));
            // Liveness: the process answers. Kafka or a rebalance being away is a readiness matter, and
            // restarting a pod for it would only add restores and rebalances.
            cfg.routes.get("/live", ctx -> ctx.json(java.util.Map.of("status", "UP")));
            routes.forEach(r -> r.addTo(cfg));
        });
        app.start();
        health.register("http", () -> ComponentHealth.up("listening on port " + app.port()), false);
        return new HttpServer(app);
    }

    /** @return the port actually bound */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** @return the 413 problem for a body of {@code length} bytes (-1 when unknown) */
    public static HttpProblem tooLarge(long length, long maxBodyBytes) {
        String size = length < 0 ? "the body" : "the body of " + length + " bytes";
        return new HttpProblem(413, new ApiError("too_large", null, size + " is above the limit of " + maxBodyBytes + " bytes"), null);
    }

    private static void mapErrors(JavalinConfig cfg) {
        cfg.routes.exception(HttpProblem.class, (e, ctx) -> {
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            ctx.status(e.status()).json(e.body());
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new ApiError(JsonErrorHandler.errorCode(e.getStatus()), null, e.getMessage())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            UnreadableBody unreadable = UnreadableBody.of(e);
            if (unreadable != null) {
                // The client's fault (a broken chunk, an upload cut short): one line, no stack trace.
                log.warn("refused {} from {}: {}", describe(ctx), remote(ctx), unreadable.detail());
                ctx.status(unreadable.status()).json(new ApiError(JsonErrorHandler.errorCode(unreadable.status()), null, unreadable.detail()));
                return;
            }
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("unhandled error on {} (ref {})", describe(ctx), ref, e);
            ctx.status(500).json(new ApiError("internal", null, "internal error; the server log has the details under ref " + ref));
        });
        cfg.routes.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                ctx.json(new ApiError("not_found", null, "no route for " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    /** "METHOD /path", or a placeholder when the request is already gone (e.g. recycled at shutdown). */
    private static String describe(Context ctx) {
        try {
            return ctx.method() + " " + ctx.path();
        } catch (RuntimeException gone) {
            return "a request that is no longer available";
        }
    }

    private static String remote(Context ctx) {
        try {
            return ctx.ip();
        } catch (RuntimeException gone) {
            return "a client no longer connected";
        }
    }

    private static void timeRequests(JavalinConfig cfg, PrometheusMeterRegistry registry) {
        cfg.requestLogger.http((ctx, ms) -> {
            try {
                String uri = ctx.endpoint() == null ? "UNMATCHED" : ctx.endpoint().path;
                Timer.builder("http.server.requests")
                        .description("HTTP requests served")
                        .tag("method", ctx.method().name())
                        .tag("uri", uri)
                        .tag("status", String.valueOf(ctx.status().getCode()))
                        .register(registry)
                        .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                log.debug("could not record request metrics", e); // instrumentation never fails a request
            }
        });
    }

    private static void report(Context ctx, Map<String, ComponentHealth> components) {
        boolean up = HealthRegistry.allUp(components);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        Map<String, Object> parts = new LinkedHashMap<>();
        components.forEach((name, h) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", h.up() ? "UP" : "DOWN");
            part.put("detail", h.detail());
            parts.put(name, part);
        });
        body.put("components", parts);
        ctx.status(up ? 200 : 503).json(body);
    }
}
