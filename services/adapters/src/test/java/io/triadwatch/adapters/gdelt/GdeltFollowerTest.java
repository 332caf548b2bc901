package io.triadwatch.adapters.gdelt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.SharedData;
import io.triadwatch.adapters.SkipReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower against a real HTTP server on loopback that publishes the shared GDELT samples the
 * way GDELT does: a {@code lastupdate.txt} index ({@code size md5 url} lines for the export,
 * mentions and GKG files) and one {@code <yyyyMMddHHmmss>.export.CSV.zip} per 15-minute batch.
 * Batches: 22:45 = sample c (12 events), 23:00 = sample a (8), 23:15 = sample b (15), 23:30 not
 * published (404), 23:45 = sample c again under a new name (its 13 country-pair rows all repeat
 * 22:45, so they are re-emissions). Counts as derived in {@link GdeltAdapterTest}.
 */
class GdeltFollowerTest {
    private static final String C = "20150218224500";
    private static final String A = "20150218230000";
    private static final String B = "20150218231500";
    private static final String HOLE = "20150218233000";
    private static final String C_AGAIN = "20150218234500";

    @TempDir
    Path work;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicReference<String> index = new AtomicReference<>("");
    private final GdeltCheckpoint checkpoint = GdeltCheckpoint.inMemory();
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void publishTheSamples() throws IOException {
        files.put(C, zip("events-sample-c.export.CSV", C));
        files.put(A, zip("events-sample-a.export.CSV", A));
        files.put(B, zip("events-sample-b.export.CSV", B));
        files.put(C_AGAIN, zip("events-sample-c.export.CSV", C_AGAIN));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gdeltv2/", this::serve);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldIngestTheNewestBatchOnceAndRememberIt() {
        // Given the index lists 22:45
        listInIndex(C);
        GdeltFollower follower = follower();

        // When polled twice
        GdeltFollower.PollResult first = follower.pollOnce();
        GdeltFollower.PollResult second = follower.pollOnce();

        // Then 22:45 was downloaded once, handed over once, and checkpointed
        assertThat(first.failure()).isEmpty();
        assertThat(first.batches()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(GdeltFollower.Status.INGESTED);
            assertThat(b.summary().produced()).isEqualTo(12);
            assertThat(b.summary().read()).isEqualTo(100);
        });
        assertThat(second.batches()).isEmpty();
        assertThat(hits(C)).isEqualTo(1);
        assertThat(sink.batches()).containsExactly(C);
        assertThat(sink.events(C)).hasSize(12).contains("gdelt:410412324");
        assertThat(checkpoint.last()).hasValueSatisfying(b -> assertThat(b.timestamp()).isEqualTo(C));
    }

    @Test
    void shouldFetchEveryBatchMissedWhileStoppedAndNoneTwice() {
        // Given a first follower ingested 22:45 and stopped
        listInIndex(C);
        follower().pollOnce();

        // When a new follower with the same checkpoint starts while the index already lists 23:15
        listInIndex(B);
        GdeltFollower.PollResult result = follower().pollOnce();

        // Then it fetches 23:00 (derived from the timestamps) and 23:15, in order, and not 22:45 again
        assertThat(result.failure()).isEmpty();
        assertThat(result.batches()).extracting(b -> b.batch().timestamp()).containsExactly(A, B);
        assertThat(result.batches()).extracting(b -> b.summary().produced()).containsExactly(8L, 15L);
        assertThat(sink.batches()).containsExactly(C, A, B);
        assertThat(hits(C)).isEqualTo(1);
        assertThat(hits(A)).isEqualTo(1);
        assertThat(checkpoint.last()).hasValueSatisfying(b -> assertThat(b.timestamp()).isEqualTo(B));
    }

    @Test
    void shouldMovePastABatchTheFeedNeverPublished() {
        // Given the checkpoint at 23:15 and the index at 23:45, with 23:30 missing on the server
        listInIndex(B);
        follower().pollOnce();
        listInIndex(C_AGAIN);

        // When
        GdeltFollower.PollResult result = follower().pollOnce();

        // Then
        assertThat(result.failure()).isEmpty();
        assertThat(result.batches()).extracting(b -> b.batch().timestamp() + " " + b.status())
                .containsExactly(HOLE + " MISSING", C_AGAIN + " INGESTED");
        assertThat(checkpoint.last()).hasValueSatisfying(b -> assertThat(b.timestamp()).isEqualTo(C_AGAIN));
    }

    @Test
    void shouldDeduplicateReEmissionsAcrossBatches() {
        // Given one follower that ingested 22:45, and 23:00 and 23:15 withdrawn. The samples mix rows
        // added in 2015 and in 2020, so a 24-hour window would forget the 2015 rows as soon as a
        // 2020 row arrives; a ten-year window keeps this test about crossing batches.
        GdeltFollower follower = new GdeltFollower(
                new GdeltFollower.Config(indexUrl(), Duration.ofMinutes(1), 96, Duration.ofSeconds(10), work),
                new GdeltAdapter(new GdeltAdapter.Options(Duration.ofDays(3650), 100_000)), checkpoint, sink, HttpClient.newHttpClient());
        listInIndex(C);
        follower.pollOnce();
        files.remove(A);
        files.remove(B);

        // When the same rows come back in 23:45
        listInIndex(C_AGAIN);
        GdeltFollower.PollResult result = follower.pollOnce();

        // Then none of them is produced again
        assertThat(result.batches()).extracting(b -> b.status().name()).containsExactly("MISSING", "MISSING", "MISSING", "INGESTED");
        GdeltFollower.BatchResult again = result.batches().get(3);
        assertThat(again.summary().produced()).isZero();
        assertThat(again.summary().skipped(SkipReason.DUPLICATE)).isEqualTo(13);
    }

    @Test
    void shouldKeepTheCheckpointWhenTheDownloadDoesNotMatchTheIndex() {
        // Given an index whose MD5 for 22:45 is wrong
        index.set(line(C, files.get(C).length, "0123456789abcdef0123456789abcdef"));
        GdeltFollower follower = follower();

        // When
        GdeltFollower.PollResult bad = follower.pollOnce();
        listInIndex(C);
        GdeltFollower.PollResult good = follower.pollOnce();

        // Then nothing was handed over the first time, and the batch was taken the second time
        assertThat(bad.failure()).hasValueSatisfying(f -> assertThat(f).contains("MD5"));
        assertThat(bad.batches()).isEmpty();
        assertThat(good.batches()).hasSize(1);
        assertThat(sink.batches()).containsExactly(C);
    }

    @Test
    void shouldOfferABatchAgainWhenTheSinkFailed() {
        // Given a sink that fails on its first batch
        listInIndex(C);
        sink.failNext.set(true);
        GdeltFollower follower = follower();

        // When
        GdeltFollower.PollResult failed = follower.pollOnce();
        GdeltFollower.PollResult retried = follower.pollOnce();

        // Then the checkpoint stayed put and the retry delivered the same 12 events
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f).contains("broker down"));
        assertThat(retried.batches()).singleElement().satisfies(b -> assertThat(b.summary().produced()).isEqualTo(12));
        assertThat(sink.batches()).containsExactly(C);
        assertThat(sink.events(C)).hasSize(12);
        assertThat(checkpoint.last()).hasValueSatisfying(b -> assertThat(b.timestamp()).isEqualTo(C));
    }

    @Test
    void shouldReportAnUnreachableIndexWithoutThrowing() {
        // Given
        server.removeContext("/gdeltv2/");

        // When
        GdeltFollower.PollResult result = follower().pollOnce();

        // Then
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("HTTP 404"));
        assertThat(checkpoint.last()).isEmpty();
    }

    @Test
    void shouldPollInTheBackgroundUntilClosed() {
        // Given
        listInIndex(C);
        GdeltFollower.Config config = new GdeltFollower.Config(indexUrl(), Duration.ofMillis(50), 96, Duration.ofSeconds(10), work);

        // When
        try (GdeltFollower follower = new GdeltFollower(config, checkpoint, sink)) {
            follower.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.batches().contains(C));
            listInIndex(A);

            // Then the next batch arrives without another call
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.batches().contains(A));
        }
        assertThat(sink.batches()).containsExactly(C, A);
        assertThat(hits(C)).isEqualTo(1);
    }

    private GdeltFollower follower() {
        return new GdeltFollower(new GdeltFollower.Config(indexUrl(), Duration.ofMinutes(1), 96, Duration.ofSeconds(10), work),
                checkpoint, sink);
    }

    private URI indexUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gdeltv2/lastupdate.txt");
    }

    private void listInIndex(String stamp) {
        byte[] zip = files.get(stamp);
        index.set(line(stamp, zip.length, md5(zip)));
    }

    private String line(String stamp, long size, String md5) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/gdeltv2/" + stamp;
        return size + " " + md5 + " " + base + ".export.CSV.zip\n"
                + "318084 bb27f78ba45f69a17ea6ed7755e9f8ff " + base + ".mentions.CSV.zip\n"
                + "10768507 ea8dde0beb0ba98810a92db068c0ce99 " + base + ".gkg.csv.zip\n";
    }

    private int hits(String stamp) {
        return hits.getOrDefault(stamp + ".export.CSV.zip", new AtomicInteger()).get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/gdeltv2/".length());
        hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = null;
        if (name.equals("lastupdate.txt")) {
            body = index.get().getBytes(StandardCharsets.UTF_8);
        } else if (name.endsWith(".export.CSV.zip")) {
            body = files.get(name.substring(0, 14));
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] zip(String sample, String stamp) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(stamp + ".export.CSV"));
            zip.write(Files.readAllBytes(SharedData.file("gdelt/" + sample)));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the events of each batch it completes; can be told to fail once, mid-batch. */
    private static final class RecordingSink implements GdeltBatchSink {
        final AtomicReference<Boolean> failNext = new AtomicReference<>(false);
        private final List<String> batches = new CopyOnWriteArrayList<>();
        private final Map<String, List<String>> events = new ConcurrentHashMap<>();

        @Override
        public void accept(GdeltBatch batch, AdapterRun items) throws IOException {
            List<String> ids = new ArrayList<>();
            while (items.hasNext()) {
                if (items.next() instanceof AdapterItem.Produced p) {
                    ids.add(p.event().id());
                    if (failNext.getAndSet(false)) {
                        throw new IOException("broker down after " + ids.size() + " events");
                    }
                }
            }
            events.put(batch.timestamp(), List.copyOf(ids));
            batches.add(batch.timestamp());
        }

        List<String> batches() {
            return batches;
        }

        List<String> events(String stamp) {
            return events.getOrDefault(stamp, List.of());
        }
    }
}
