package io.triadwatch.launcher.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterService;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerService;
import io.triadwatch.http.ComponentHealth;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpRoutes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The two Kafka Streams roles. They are created before the HTTP server (the analyzer contributes
 * the dyad and triad queries) and started after it, because interactive queries route by this
 * instance's {@code host:port}, known only once the server is bound.
 */
final class StreamsRoles {
    private StreamsRoles() {
    }

    /**
     * @param onHttpStarted receives the starters to run with this instance's {@code host:port}
     * @param states        receives each started Streams role's state, by role name
     */
    static void prepare(AppConfig config, MeterRegistry registry, HealthRegistry health, List<HttpRoutes> routes,
                        UnaryOperator<AutoCloseable> remember, Consumer<Consumer<String>> onHttpStarted,
                        BiConsumer<String, Supplier<String>> states) {
        if (config.roles().contains(Role.ANALYZER)) {
            Map<String, Object> kafka = new HashMap<>(config.kafka());
            kafka.putAll(config.streams());
            kafka.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve("analyzer").toString());
            AnalyzerConfig analyzerConfig = config.analyzer();
            // A backtest has one partition per stage and combines coded reports where its input says; live, inputs
            // are released in event-time order and not combined (AnalyzerConfig#live): both so that the same input
            // gives the same states and alerts.
            AnalyzerService analyzer = new AnalyzerService(config.singleOrder() ? analyzerConfig.backtest() : analyzerConfig.live(),
                    kafka, registry);
            remember.apply(analyzer);
            routes.add(analyzer.queries()::addTo);
            health.register("analyzer", analyzer::health, true);
            onHttpStarted.accept(server -> {
                analyzer.start(server);
                states.accept("analyzer", () -> analyzer.state().name());
            });
        }
        if (config.roles().contains(Role.ALERTER)) {
            Map<String, String> client = new HashMap<>();
            config.kafka().forEach((k, v) -> client.put(k, String.valueOf(v)));
            config.streams().forEach((k, v) -> client.put(k, String.valueOf(v)));
            client.remove("bootstrap.servers");
            // Registered before the server answers, so that /ready never omits the alerter while it is built.
            health.register("alerter", () -> ComponentHealth.down("CREATED (starts once the HTTP server is bound)"), true);
            // Built once the server is bound: alert links need the real address when none is configured.
            onHttpStarted.accept(server -> {
                AlerterService alerter = new AlerterService(AlerterConfig.builder((String) config.kafka().get("bootstrap.servers"))
                        .applicationId(AlerterConfig.DEFAULT_APPLICATION_ID)
                        .stateDir(config.stateDir().resolve("alerter"))
                        .dashboardBaseUrl(config.publicUrl() != null ? config.publicUrl() : "http://" + server)
                        .clientProperties(client)
                        // Live: no wall-clock wait for triad context. A backtest waits, so that two runs agree.
                        .contextWait(config.singleOrder() ? AlerterConfig.BACKTEST_CONTEXT_WAIT : java.time.Duration.ZERO)
                        .build(), registry);
                remember.apply(alerter);
                health.register("alerter", alerter::health, true);
                alerter.start();
                states.accept("alerter", () -> alerter.state().name());
            });
        }
    }
}
