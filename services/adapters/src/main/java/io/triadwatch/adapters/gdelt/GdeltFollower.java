package io.triadwatch.adapters.gdelt;

import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.AdapterSummary;
import io.triadwatch.adapters.ProgressListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the GDELT 2.0 live feed: polls a {@code lastupdate.txt}-style index, downloads each new
 * 15-minute {@code .export.CSV.zip} once, hands its items to a {@link GdeltBatchSink} and then saves
 * the batch in a {@link GdeltCheckpoint}.
 * <p>
 * <b>The index</b> has one line per file, {@code <size> <md5> <url>}; the line whose URL ends in
 * {@code <yyyyMMddHHmmss>.export.CSV.zip} names the newest export (the mentions and GKG lines are
 * ignored). GDELT lists only the newest batch, so after a pause the follower derives the batches
 * in between from the timestamp (every 15 minutes, same URL pattern) and fetches them in order:
 * <ul>
 * <li>no checkpoint yet: start with the newest batch (no history backfill);</li>
 * <li>checkpoint at or after the newest: nothing to do;</li>
 * <li>otherwise every batch after the checkpoint up to the newest, at most
 *     {@link Config#maxCatchUp()} of them; older ones are reported as not caught up.</li>
 * </ul>
 * A batch is verified against the index's size and MD5 when the index lists it (only the newest);
 * derived batches are not listed and go unverified. A derived batch that answers 404 (GDELT has
 * holes) is reported missing and the checkpoint moves past it; any other failure (the index or a
 * download failing, a checksum mismatch, the sink throwing) stops the poll with the checkpoint at
 * the last batch fully handled, so the next poll retries from there: a restart neither skips nor
 * repeats a batch that was handed over, and repeats at most the one whose hand-over was cut.
 * <p>
 * Re-emitted events are de-duplicated across batches with one {@link GdeltDeduplicator} kept for
 * the follower's life (reset after a failed batch, so that a retry yields at least the events of
 * the first attempt; lost on restart).
 * <p>
 * Thread-safe: polls are serialised (a poll in progress does not block {@link #close()}). {@link #start()} polls on a background thread every
 * {@link Config#pollInterval()}; {@link #close()} stops it.
 */
public final class GdeltFollower implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(GdeltFollower.class);

    /**
     * Settings.
     *
     * @param indexUrl       the index, e.g. {@code http://data.gdeltproject.org/gdeltv2/lastupdate.txt}
     * @param pollInterval   pause between polls of {@link #start()}
     * @param maxCatchUp     the most batches fetched in one poll, at least 1
     * @param requestTimeout timeout of each HTTP request
     * @param workDir        where downloads are kept while they are read (deleted after)
     */
    public record Config(URI indexUrl, Duration pollInterval, int maxCatchUp, Duration requestTimeout, Path workDir) {
        /** GDELT's own index of the newest 15-minute files. */
        public static final URI GDELT_LAST_UPDATE = URI.create("http://data.gdeltproject.org/gdeltv2/lastupdate.txt");

        public Config {
            Objects.requireNonNull(indexUrl, "indexUrl");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(workDir, "workDir");
            if (pollInterval.isNegative() || pollInterval.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("pollInterval and requestTimeout must be positive");
            }
            if (maxCatchUp < 1) {
                throw new IllegalArgumentException("maxCatchUp must be at least 1, got " + maxCatchUp);
            }
        }

        /** @return settings for {@code indexUrl}: poll every minute, catch up at most a day (96 batches), 60 s timeout, the temp dir */
        public static Config of(URI indexUrl) {
            return new Config(indexUrl, Duration.ofMinutes(1), 96, Duration.ofSeconds(60), Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** What happened to one batch. */
    public enum Status {
        /** Downloaded, handed to the sink, checkpointed. */
        INGESTED,
        /** A derived batch the server does not have (404); checkpointed as done. */
        MISSING
    }

    /**
     * One batch handled by a poll.
     *
     * @param batch   the batch
     * @param status  what happened
     * @param summary the adapter's counts, or null when {@link Status#MISSING}
     */
    public record BatchResult(GdeltBatch batch, Status status, AdapterSummary summary) {
    }

    /**
     * The outcome of one poll.
     *
     * @param batches      the batches handled, in order
     * @param notCaughtUp  batches between the checkpoint and the newest that were beyond
     *                     {@link Config#maxCatchUp()} and will not be fetched
     * @param failure      why the poll stopped early, or empty
     */
    public record PollResult(List<BatchResult> batches, long notCaughtUp, Optional<String> failure) {
        public PollResult {
            batches = List.copyOf(batches);
        }
    }

    private final Config config;
    private final GdeltAdapter adapter;
    private final GdeltCheckpoint checkpoint;
    private final GdeltBatchSink sink;
    private final HttpClient http;
    private final Object pollLock = new Object();
    private GdeltDeduplicator dedupe;
    private ScheduledExecutorService scheduler;

    /**
     * @param config     settings
     * @param adapter    parses each batch (its options set the de-duplication)
     * @param checkpoint where the last batch is remembered
     * @param sink       receives each batch
     * @param http       the HTTP client
     */
    public GdeltFollower(Config config, GdeltAdapter adapter, GdeltCheckpoint checkpoint, GdeltBatchSink sink, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.http = Objects.requireNonNull(http, "http");
        this.dedupe = adapter.newDeduplicator();
    }

    /** A follower with the default adapter and an HTTP client that follows redirects. */
    public GdeltFollower(Config config, GdeltCheckpoint checkpoint, GdeltBatchSink sink) {
        this(config, new GdeltAdapter(), checkpoint, sink,
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /**
     * Polls the index once and handles every new batch. Never throws for a network, data or sink
     * failure: the result says what stopped it.
     */
    public PollResult pollOnce() {
        synchronized (pollLock) {
            return poll();
        }
    }

    private PollResult poll() {
        List<BatchResult> done = new ArrayList<>();
        GdeltBatch newest;
        try {
            newest = newestInIndex();
        } catch (IOException | RuntimeException e) {
            return failed(done, 0, "index " + config.indexUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(done, 0, "interrupted", e);
        }
        List<GdeltBatch> todo = new ArrayList<>();
        long notCaughtUp = plan(newest, todo);
        for (GdeltBatch batch : todo) {
            try {
                done.add(handle(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(done, notCaughtUp, "interrupted", e);
            } catch (Exception e) {
                dedupe = adapter.newDeduplicator();
                return failed(done, notCaughtUp, "batch " + batch.timestamp() + " (" + batch.url() + "): " + e.getMessage(), e);
            }
        }
        return new PollResult(done, notCaughtUp, Optional.empty());
    }

    /** Starts polling every {@link Config#pollInterval()} on a daemon thread, the first poll at once. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gdelt-follower");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::pollAndLog, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling, waiting up to the request timeout for a poll in progress. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
        }
        if (running == null || running.isShutdown()) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("GDELT follower of {} did not stop within {}", config.indexUrl(), config.requestTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollAndLog() {
        PollResult result = pollOnce();
        result.batches().forEach(b -> LOG.info("GDELT batch {} {}{}", b.batch().timestamp(), b.status(),
                b.summary() == null ? "" : ": " + b.summary().describe()));
    }

    private PollResult failed(List<BatchResult> done, long notCaughtUp, String why, Exception e) {
        LOG.warn("GDELT follower of {} stopped: {}", config.indexUrl(), why, e);
        return new PollResult(done, notCaughtUp, Optional.of(why));
    }

    private GdeltBatch newestInIndex() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(config.indexUrl()), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        GdeltBatch newest = null;
        for (String line : response.body().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3 || !parts[0].matches("[0-9]{1,15}") || !parts[1].matches("[0-9a-fA-F]{32}")) {
                continue;
            }
            Optional<GdeltBatch> batch = GdeltBatch.fromUrl(URI.create(parts[2]), Long.parseLong(parts[0]), parts[1].toLowerCase(Locale.ROOT));
            if (batch.isPresent() && (newest == null || batch.get().compareTo(newest) > 0)) {
                newest = batch.get();
            }
        }
        if (newest == null) {
            throw new IOException("lists no <yyyyMMddHHmmss>.export.CSV.zip line of the form '<size> <md5> <url>'");
        }
        return newest;
    }

    /** Fills {@code todo} with the batches to fetch, oldest first; returns how many are beyond the catch-up limit. */
    private long plan(GdeltBatch newest, List<GdeltBatch> todo) {
        Optional<GdeltBatch> last = checkpoint.last();
        if (last.isEmpty()) {
            todo.add(newest);
            return 0;
        }
        if (last.get().compareTo(newest) >= 0) {
            return 0;
        }
        LocalDateTime first = last.get().time().plusMinutes(GdeltBatch.MINUTES);
        LocalDateTime earliest = newest.time().minusMinutes((long) GdeltBatch.MINUTES * (config.maxCatchUp() - 1));
        long beyond = 0;
        if (first.isBefore(earliest)) {
            beyond = Duration.between(first, earliest).toMinutes() / GdeltBatch.MINUTES;
            first = earliest;
            LOG.warn("GDELT follower: {} batches after {} are beyond the catch-up limit of {} and are not fetched",
                    beyond, last.get().timestamp(), config.maxCatchUp());
        }
        for (LocalDateTime t = first; t.isBefore(newest.time()); t = t.plusMinutes(GdeltBatch.MINUTES)) {
            todo.add(newest.at(t));
        }
        todo.add(newest);
        return beyond;
    }

    private BatchResult handle(GdeltBatch batch) throws Exception {
        Path file = Files.createTempFile(config.workDir(), "gdelt-" + batch.timestamp() + "-", ".export.CSV.zip");
        try {
            HttpResponse<InputStream> response = http.send(request(batch.url()), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 404 && batch.md5() == null) {
                response.body().close();
                checkpoint.save(batch);
                LOG.info("GDELT batch {} is not published (404); moving past it", batch.timestamp());
                return new BatchResult(batch, Status.MISSING, null);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode());
            }
            download(response.body(), file, batch);
            AdapterSummary summary;
            String name = batch.url().getPath().substring(batch.url().getPath().lastIndexOf('/') + 1);
            try (InputStream in = Files.newInputStream(file); AdapterRun run = adapter.open(in, name, ProgressListener.NONE, dedupe)) {
                sink.accept(batch, run);
                while (run.hasNext()) {
                    run.next();
                }
                summary = run.summary();
            }
            checkpoint.save(batch);
            return new BatchResult(batch, Status.INGESTED, summary);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void download(InputStream body, Path file, GdeltBatch batch) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
        long size;
        try (InputStream in = new DigestInputStream(body, md5); OutputStream out = Files.newOutputStream(file)) {
            size = in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        if (batch.size() >= 0 && size != batch.size()) {
            throw new IOException("downloaded " + size + " bytes, the index says " + batch.size());
        }
        if (batch.md5() != null && !batch.md5().equalsIgnoreCase(actual)) {
            throw new IOException("MD5 " + actual + " differs from the index's " + batch.md5());
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).GET().build();
    }
}
