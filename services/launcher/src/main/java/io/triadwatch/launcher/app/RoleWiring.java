package io.triadwatch.launcher.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpRoutes;
import java.util.List;
import java.util.function.UnaryOperator;

/** Starts the roles of a process other than ingest (which the app starts itself). */
final class RoleWiring {
    private RoleWiring() {
    }

    static void start(AppConfig config, PrometheusMeterRegistry registry, HealthRegistry health, List<HttpRoutes> routes,
                      UnaryOperator<AutoCloseable> remember) {
        if (config.roles().contains(Role.API)) {
            ApiRole.start(config, registry, health, routes, remember);
        }
    }
}
