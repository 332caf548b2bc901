package io.triadwatch.launcher.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.delivery.api.AlertApi;
import io.triadwatch.delivery.api.AlertApiSettings;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.AlertFeedSettings;
import io.triadwatch.delivery.push.AlertmanagerPusher;
import io.triadwatch.delivery.push.PushSettings;
import io.triadwatch.delivery.push.WebhookPusher;
import io.triadwatch.dashboard.DashboardRoutes;
import io.triadwatch.http.ComponentHealth;
import io.triadwatch.http.HealthRegistry;
import io.triadwatch.http.HttpRoutes;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The API role: the alert feed (a read_committed consumer of the alerts topic), the alerts API and
 * SSE stream, the dashboard, and the optional pushes to Alertmanager and a webhook.
 */
final class ApiRole {
    private ApiRole() {
    }

    /**
     * @param remember    closes what it is given when the app stops, in reverse order
     * @param closeFirst  closes what it is given before the HTTP server stops (open SSE streams
     *                    must end while their requests are still alive)
     */
    static void start(AppConfig config, MeterRegistry registry, HealthRegistry health, List<HttpRoutes> routes,
                      UnaryOperator<AutoCloseable> remember, Consumer<AutoCloseable> closeFirst) {
        AlertFeed feed = new AlertFeed(AlertFeedSettings.defaults((String) config.kafka().get("bootstrap.servers"))
                .withClientProperties(config.kafka()), registry);
        remember.apply(feed);
        feed.start();
        health.register("alert-feed", () -> feed.isReady() ? ComponentHealth.up("caught up with the alerts topic")
                : ComponentHealth.down("reading the alerts topic"), true);
        AlertApi api = new AlertApi(feed, AlertApiSettings.defaults(), registry);
        closeFirst.accept(api);
        routes.add(api::addTo);
        routes.add(new DashboardRoutes());
        if (config.alertmanagerUrl() != null) {
            AlertmanagerPusher pusher = new AlertmanagerPusher(URI.create(config.alertmanagerUrl()), feed, PushSettings.defaults(), registry);
            remember.apply(pusher);
            pusher.start();
        }
        if (config.webhookUrl() != null) {
            WebhookPusher pusher = new WebhookPusher(URI.create(config.webhookUrl()), feed, PushSettings.defaults(), registry);
            remember.apply(pusher);
            pusher.start();
        }
    }
}
