package io.triadwatch.launcher.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpRoutes;
import java.util.List;
import java.util.function.UnaryOperator;

/** Starts the Streams roles (analyzer, alerter) and the alert API of a process. */
final class RoleWiring {
    private RoleWiring() {
    }

    @SuppressWarnings("unchecked")
    static void start(AppConfig config, PrometheusMeterRegistry registry, HealthRegistry health, List<HttpRoutes> routes,
                      UnaryOperator<AutoCloseable> remember) {
        // Wired as the analyzer and alerter land.
    }
}
