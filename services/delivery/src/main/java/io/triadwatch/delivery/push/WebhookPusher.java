package io.triadwatch.delivery.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.AlertListener;
import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.model.alert.Alert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every alert record to a generic webhook: one {@code POST {url}} per record, body the alert
 * record's JSON (the alerts topic's value, written compactly on one line; {@code Content-Type:
 * application/json}), in the order the feed reads them, with the header {@code Idempotency-Key: <fingerprint>/<episode>/<status>} so that
 * a receiver can drop the duplicates that at-least-once delivery allows.
 * <p>
 * A record is retried (connection failure, timeout, 408, 429, 5xx) with exponential backoff
 * ({@link PushSettings#backoff(int)}) until delivered; records behind it wait, so order is kept.
 * Any other answer drops the record (logged, {@code triadwatch.push.dropped}). While the target is
 * down at most {@link PushSettings#maxQueued()} records wait; past that the oldest is dropped.
 * <p>
 * The pusher sends the records the feed reads after it is ready, i.e. alerts written while this
 * process runs; it keeps no offsets, so records written while no alerter ran are not sent. A
 * receiver that must not miss any should consume the alerts topic or the SSE stream instead.
 * <p>
 * Metrics: {@code triadwatch.push.success{target=webhook}} and
 * {@code triadwatch.push.failure{target=webhook}} count requests.
 */
public final class WebhookPusher implements AutoCloseable {
    /** The {@code target} tag of this pusher's meters. */
    public static final String TARGET = "webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPusher.class);

    private final AlertFeed feed;
    private final PushSettings settings;
    private final JsonPoster poster;
    private final PushWorker worker;
    private final AlertListener listener = this::offer;
    private final AtomicBoolean started = new AtomicBoolean();

    // Guarded by this.
    private final ArrayDeque<FeedEntry> queue = new ArrayDeque<>();
    private boolean draining;

    /**
     * Creates a pusher; nothing is sent until {@link #start()}.
     *
     * @param url      where to POST
     * @param feed     where alerts come from; the caller starts and closes it
     * @param settings backoff, timeouts, queue bound, headers
     * @param registry where the push counters go
     * @throws IllegalArgumentException if a header in {@code settings} is one {@code java.net.http} refuses (e.g. {@code Host})
     */
    public WebhookPusher(URI url, AlertFeed feed, PushSettings settings, MeterRegistry registry) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.poster = new JsonPoster(TARGET, Objects.requireNonNull(url, "url"), settings, registry);
        this.worker = new PushWorker("triadwatch-push-webhook");
    }

    /**
     * Starts sending the records the feed reads from now on (once it is ready).
     *
     * @throws IllegalStateException if already started
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("pusher already started");
        }
        feed.addListener(listener);
    }

    /** Stops sending; records not yet delivered are abandoned. */
    @Override
    public void close() {
        feed.removeListener(listener);
        worker.close();
    }

    /** @return how many records wait to be delivered */
    public synchronized int queued() {
        return queue.size();
    }

    private void offer(FeedEntry entry) {
        synchronized (this) {
            if (queue.size() >= settings.maxQueued()) {
                FeedEntry oldest = queue.pollFirst();
                poster.dropped(1);
                LOG.error("webhook queue full ({} records): dropping {} episode {} {}", settings.maxQueued(),
                        oldest.fingerprint(), oldest.alert().episode(), oldest.alert().status());
            }
            queue.addLast(entry);
            if (draining) {
                return;
            }
            draining = true;
        }
        worker.submit(this::drain);
    }

    private void drain() {
        while (true) {
            FeedEntry head;
            synchronized (this) {
                head = queue.peekFirst();
                if (head == null) {
                    draining = false;
                    return;
                }
            }
            JsonPoster.Outcome outcome;
            try {
                outcome = poster.post(head.json().getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", idempotencyKey(head.alert())), 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (outcome == JsonPoster.Outcome.RETRY) {
                    worker.later(this::drain, poster.backoff());
                    return;
                }
                if (queue.peekFirst() == head) {
                    queue.pollFirst();
                }
            }
        }
    }

    static String idempotencyKey(Alert alert) {
        return alert.fingerprint() + "/" + alert.episode() + "/" + alert.status();
    }
}
