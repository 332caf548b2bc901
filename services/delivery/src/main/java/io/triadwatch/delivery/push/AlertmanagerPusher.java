package io.triadwatch.delivery.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.AlertListener;
import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to Prometheus Alertmanager: {@code POST {url}/api/v2/alerts} with a JSON array of
 * {@link AlertmanagerAlert} (labels, annotations, {@code startsAt}, {@code endsAt},
 * {@code generatorURL}; see there for the mapping and for why the times are wall-clock times).
 * <p>
 * <b>What is sent, and when.</b> The pusher keeps, per fingerprint, the latest record and the
 * FIRING record of its episode. A new record is sent at once; every FIRING alert is sent again every
 * {@link PushSettings#resendInterval()}, as Alertmanager expects from its clients, until its RESOLVED
 * record has been sent (with {@code endsAt} set), after which the fingerprint is forgotten. Pending
 * alerts go out together in one request.
 * <p>
 * <b>At-least-once.</b> A record stays pending until a request carrying it (or a newer record of the
 * same fingerprint) is answered 2xx. Connection failures, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff ({@link PushSettings#backoff(int)}) without limit; any other answer
 * (a 4xx: Alertmanager found the batch invalid) is logged and the batch dropped
 * ({@code triadwatch.push.dropped}); FIRING alerts in it are tried again at the next re-send.
 * <p>
 * <b>Restarts.</b> The pusher keeps no state outside memory. When it starts it waits for the feed to
 * catch up and sends every fingerprint whose latest record is FIRING. A RESOLVED record written
 * while no pusher ran is not sent; Alertmanager resolves such an alert by itself once it stops
 * hearing of it ({@code resolve_timeout}).
 * <p>
 * Metrics: {@code triadwatch.push.success{target=alertmanager}} and
 * {@code triadwatch.push.failure{target=alertmanager}} count requests.
 */
public final class AlertmanagerPusher implements AutoCloseable {
    /** The {@code target} tag of this pusher's meters. */
    public static final String TARGET = "alertmanager";
    /** Alertmanager's alert-push path, appended to the configured URL. */
    public static final String PATH = "/api/v2/alerts";

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerPusher.class);
    private static final Duration READY_POLL = Duration.ofMillis(200);

    private final AlertFeed feed;
    private final PushSettings settings;
    private final JsonPoster poster;
    private final Clock clock;
    private final PushWorker worker;
    private final AlertListener listener = this::offer;
    private final AtomicBoolean started = new AtomicBoolean();

    // Guarded by this.
    private final Map<String, Tracked> tracked = new HashMap<>();
    private boolean seeded;
    private boolean flushQueued;
    private boolean retryPending;

    /**
     * Creates a pusher; nothing is sent until {@link #start()}.
     *
     * @param alertmanagerUrl Alertmanager's base URL, e.g. {@code http://alertmanager:9093}
     * @param feed            where alerts come from; the caller starts and closes it
     * @param settings        re-send interval, backoff, timeouts, headers
     * @param registry        where the push counters go
     * @throws IllegalArgumentException if a header in {@code settings} is one {@code java.net.http} refuses (e.g. {@code Host})
     */
    public AlertmanagerPusher(URI alertmanagerUrl, AlertFeed feed, PushSettings settings, MeterRegistry registry) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Clock.systemUTC();
        this.poster = new JsonPoster(TARGET, endpoint(alertmanagerUrl), settings, registry);
        this.worker = new PushWorker("triadwatch-push-alertmanager");
    }

    /** @return the URL the pusher POSTs to */
    public URI endpoint() {
        return poster.uri();
    }

    /**
     * Starts listening to the feed, sends the current FIRING alerts once it is ready, and starts re-sending.
     *
     * @throws IllegalStateException if already started
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("pusher already started");
        }
        feed.addListener(listener);
        worker.submit(this::seed);
        worker.every(settings.resendInterval(), this::resend);
    }

    /** Stops sending; undelivered alerts are abandoned (Alertmanager times them out). */
    @Override
    public void close() {
        feed.removeListener(listener);
        worker.close();
    }

    private static URI endpoint(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + PATH);
    }

    private void seed() {
        try {
            while (!feed.awaitReady(READY_POLL)) {
                if (worker.isClosed() || feed.isClosed()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            feed.current().values().stream()
                    .filter(entry -> entry.alert().status() == Alert.Status.FIRING)
                    .forEach(this::track);
            seeded = true;
        }
        LOG.info("alertmanager pusher started: {} firing alerts to {}", pendingCount(), poster.uri());
        flush();
    }

    private void offer(FeedEntry entry) {
        synchronized (this) {
            track(entry);
            if (!seeded || flushQueued || retryPending) {
                return;
            }
            flushQueued = true;
        }
        worker.submit(this::flush);
    }

    /** Keeps {@code entry} unless a newer record of its fingerprint is already kept. Caller holds the lock. */
    private void track(FeedEntry entry) {
        Tracked previous = tracked.get(entry.fingerprint());
        if (previous != null && !entry.isNewerThan(previous.latest())) {
            return;
        }
        Alert alert = entry.alert();
        FeedEntry firing = alert.status() == Alert.Status.FIRING ? entry
                : previous != null && previous.firing() != null && previous.firing().alert().episode() == alert.episode() ? previous.firing()
                : null;
        tracked.put(entry.fingerprint(), new Tracked(firing, entry, true));
    }

    private void resend() {
        synchronized (this) {
            if (!seeded) {
                return;
            }
            tracked.replaceAll((fingerprint, t) -> t.latest().alert().status() == Alert.Status.FIRING ? t.pending() : t);
            if (retryPending) {
                return; // the scheduled retry will carry them
            }
        }
        flush();
    }

    private void flush() {
        List<Tracked> batch;
        synchronized (this) {
            flushQueued = false;
            retryPending = false;
            batch = tracked.values().stream().filter(Tracked::dirty).toList();
        }
        if (batch.isEmpty()) {
            return;
        }
        List<AlertmanagerAlert> body = new ArrayList<>(batch.size());
        for (Tracked t : batch) {
            body.add(AlertmanagerAlert.of(t.firing() == null ? null : t.firing().alert(), t.latest().alert(), clock.instant()));
        }
        JsonPoster.Outcome outcome;
        try {
            outcome = poster.post(Json.bytes(body), Map.of(), batch.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (outcome == JsonPoster.Outcome.RETRY) {
                retryPending = true;
                worker.later(this::flush, poster.backoff());
                return;
            }
            batch.forEach(this::settle);
        }
    }

    /** Marks {@code sent} done unless a newer record replaced it meanwhile. Caller holds the lock. */
    private void settle(Tracked sent) {
        String fingerprint = sent.latest().fingerprint();
        Tracked now = tracked.get(fingerprint);
        if (now == null || now.latest() != sent.latest()) {
            return;
        }
        if (sent.latest().alert().status() == Alert.Status.RESOLVED) {
            tracked.remove(fingerprint);
        } else {
            tracked.put(fingerprint, now.sent());
        }
    }

    private synchronized int pendingCount() {
        return (int) tracked.values().stream().filter(Tracked::dirty).count();
    }

    /**
     * What the pusher knows of one fingerprint.
     *
     * @param firing the FIRING record of the latest record's episode, or null if not seen
     * @param latest the latest record
     * @param dirty  whether it still has to be sent
     */
    private record Tracked(FeedEntry firing, FeedEntry latest, boolean dirty) {
        Tracked pending() {
            return dirty ? this : new Tracked(firing, latest, true);
        }

        Tracked sent() {
            return dirty ? new Tracked(firing, latest, false) : this;
        }
    }
}
