package io.triadwatch.http;

import io.javalin.config.JavalinConfig;

/**
 * A feature's HTTP routes. Javalin 7 registers routes up front, in the config block, so each
 * feature (ingest, queries, alerts, dashboard) contributes one of these to {@link HttpServer}.
 */
@FunctionalInterface
public interface HttpRoutes {
    /** Adds this feature's routes to {@code config.routes}. */
    void addTo(JavalinConfig config);
}
