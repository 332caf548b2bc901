package io.triadwatch.bench.e2e;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterService;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerService;
import io.triadwatch.http.Metrics;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real analyzer and alerter, started as the product starts them: a {@link TriadwatchApp} with
 * roles ANALYZER and ALERTER (mode {@code app}), or — while the launcher does not wire those roles
 * yet — the two services directly, {@link AnalyzerService} and {@link AlerterService} with their
 * default configuration (mode {@code direct}). {@code auto} takes the app when it runs both.
 */
final class TriadwatchPipeline implements AutoCloseable {
    private final String mode;
    private final MeterRegistry registry;
    private final TriadwatchApp app;
    private final AnalyzerService analyzer;
    private final AlerterService alerter;

    private TriadwatchPipeline(String mode, MeterRegistry registry, TriadwatchApp app, AnalyzerService analyzer, AlerterService alerter) {
        this.mode = mode;
        this.registry = registry;
        this.app = app;
        this.analyzer = analyzer;
        this.alerter = alerter;
    }

    /**
     * Starts the pipeline.
     *
     * @param mode     {@code auto}, {@code app} or {@code direct}
     * @param kafka    client properties (bootstrap servers)
     * @param streams  Kafka Streams settings of the analyzer and the alerter over their defaults (mode {@code app} only)
     * @param stateDir the Streams state directory
     */
    static TriadwatchPipeline start(String mode, Map<String, Object> kafka, Map<String, String> streams, Path stateDir, Progress progress) {
        return start(mode, kafka, streams, AppConfig.DEFAULT_HISTORY_POINTS, stateDir, progress);
    }

    /**
     * Starts the pipeline with another history bound (the soak's, to show the state directory level off).
     *
     * @param historyPoints history points the analyzer keeps per dyad (mode {@code app} only)
     */
    static TriadwatchPipeline start(String mode, Map<String, Object> kafka, Map<String, String> streams, int historyPoints, Path stateDir,
                                    Progress progress) {
        if (!mode.equals("direct")) {
            TriadwatchApp app = TriadwatchApp.start(new AppConfig(EnumSet.of(Role.ANALYZER, Role.ALERTER), kafka, "127.0.0.1", 0,
                    UUID.randomUUID().toString(), stateDir, "http://127.0.0.1:8080", null, null, null, null, Map.copyOf(streams))
                    .withHistoryPoints(historyPoints));
            boolean wired = app.health().health().keySet().stream().anyMatch(k -> k.contains("analyzer"))
                    && app.health().health().keySet().stream().anyMatch(k -> k.contains("alerter"));
            if (wired || mode.equals("app")) {
                if (!wired) {
                    progress.accept("warning: TriadwatchApp registered no analyzer/alerter health component: " + app.health().health().keySet());
                }
                progress.accept("Triadwatch: TriadwatchApp with roles ANALYZER, ALERTER (health components " + app.health().health().keySet() + ")");
                return new TriadwatchPipeline("app", app.registry(), app, null, null);
            }
            progress.accept("Triadwatch: this TriadwatchApp does not run the analyzer and alerter roles yet "
                    + "(health components " + app.health().health().keySet() + "); starting AnalyzerService and AlerterService directly");
            app.close();
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Map<String, Object> analyzerProps = new HashMap<>(kafka);
        analyzerProps.put("state.dir", stateDir.resolve("analyzer").toString());
        // -Dtriadwatch.bench.combining=off: every coded impulse crosses on its own (the cost before combining, §3.3).
        AnalyzerConfig analyzerConfig = "off".equals(System.getProperty("triadwatch.bench.combining"))
                ? AnalyzerConfig.defaults().withCombining(AnalyzerConfig.Combining.off()) : AnalyzerConfig.defaults();
        AnalyzerService analyzer = new AnalyzerService(analyzerConfig, analyzerProps, registry);
        AlerterService alerter = new AlerterService(AlerterConfig.builder(kafka.get("bootstrap.servers").toString())
                .stateDir(stateDir.resolve("alerter")).build(), registry);
        analyzer.start();
        alerter.start();
        progress.accept("Triadwatch: AnalyzerService and AlerterService started directly (default configurations)");
        return new TriadwatchPipeline("direct", registry, null, analyzer, alerter);
    }

    /** @return the meters of the analyzer and alerter */
    MeterRegistry registry() {
        return registry;
    }

    /** @return the sum of the counters named {@code name} (all tags), 0 when none */
    double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** @return the counters named {@code name} summed by the value of {@code tag} */
    java.util.Map<String, Double> countBy(String name, String tag) {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        registry.find(name).counters().forEach(c -> {
            if (c.count() > 0) {
                out.merge(String.valueOf(c.getId().getTag(tag)), c.count(), Double::sum);
            }
        });
        return out;
    }

    /** @return the HTTP port of the app (mode {@code app}), or -1 when it serves none */
    int httpPort() {
        return app != null ? app.httpPort() : -1;
    }

    /** @return {@code app} or {@code direct} */
    String mode() {
        return mode;
    }

    /** @return the analyzer's application id */
    String analyzerId() {
        return analyzer != null ? analyzer.config().applicationId() : AnalyzerConfig.DEFAULT_APPLICATION_ID;
    }

    /** @return the alerter's application id */
    String alerterId() {
        return AlerterConfig.DEFAULT_APPLICATION_ID;
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        if (alerter != null) {
            alerter.close();
        }
        if (analyzer != null) {
            analyzer.close();
        }
    }
}
