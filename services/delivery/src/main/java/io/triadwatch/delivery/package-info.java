/**
 * Alert delivery: everything that takes records off {@code triadwatch.alerts.v1} and hands them to
 * people and other systems.
 * <ul>
 *   <li>{@link io.triadwatch.delivery.feed.AlertFeed} reads the alerts topic
 *       ({@code read_committed}) into a bounded in-memory log and a current view by fingerprint;</li>
 *   <li>{@link io.triadwatch.delivery.api.AlertApi} serves that view over HTTP:
 *       {@code GET /api/alerts}, {@code GET /api/alerts/{fingerprint}} and the server-sent-event
 *       stream {@code GET /api/alerts/stream};</li>
 *   <li>{@link io.triadwatch.delivery.push.AlertmanagerPusher} and
 *       {@link io.triadwatch.delivery.push.WebhookPusher} push it to Prometheus
 *       Alertmanager and to a generic webhook.</li>
 * </ul>
 * Wiring, in order: build and {@code start()} the feed, add the API to the Javalin config, start the
 * pushers; close in the reverse order.
 */
package io.triadwatch.delivery;
