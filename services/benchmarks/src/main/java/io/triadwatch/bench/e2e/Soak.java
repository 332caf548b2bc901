package io.triadwatch.bench.e2e;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.bench.mix.EventMix;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.bench.mix.SharedData;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak: the real analyzer and alerter ({@link TriadwatchPipeline}) on one in-JVM broker, fed the
 * benchmark's real-event mix ({@link EventStream}) at a fixed rate for N minutes, sampled every 30 s:
 * the rate offered and processed, event → dyad state and event → alert latency (p50/p99, as a
 * {@code read_committed} consumer sees them: {@link LatencyRun.Measurer}), heap in use and after the
 * last GC, resident set, the Streams state directory's size on disk (RocksDB), the analyzer's and
 * alerter's consumer lag, and the dedupe store's entries ({@code triadwatch.analyzer.dedupe.entries}).
 * Writes one CSV row per sample and prints the drift: the mean of each figure over the first and the
 * last {@code --drift-minutes}. Everything (broker, pipeline, driver) shares this JVM, so heap and RSS
 * are the whole process's. Exit 0 when the run completed, whatever the figures; 1 on failure.
 */
@Command(name = "triadwatch-soak", mixinStandardHelpOptions = true,
        description = "Runs Triadwatch at a fixed rate for N minutes on an embedded broker and samples rate, latency, memory, state size, lag and dedupe entries.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "50", description = "Offered events/s (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--minutes", defaultValue = "30", description = "Duration of the offering (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample-seconds", defaultValue = "30", description = "Sampling interval (default ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--drift-minutes", defaultValue = "5", description = "The first and last window compared for drift (default ${DEFAULT-VALUE}).")
    double driftMinutes;

    @Option(names = "--csv", defaultValue = "soak.csv", description = "The CSV to write, one row per sample (default ${DEFAULT-VALUE}).")
    Path csv;

    @Option(names = "--shared-data", description = "The shared real-data directory (default: found from ../shared/data).")
    Path sharedData;

    @Option(names = "--event-step", defaultValue = "PT2M",
            description = "Event time between consecutive events (default ${DEFAULT-VALUE}: at 50 events/s the stream's event time passes the 30-day grace period in about 7 minutes, so the dedupe store reaches its bound within the run).")
    Duration eventStep;

    @Option(names = "--history-points", defaultValue = "1000", description = "History points the analyzer keeps per dyad (default ${DEFAULT-VALUE}, as `run`): "
            + "the dyad histories are the state that grows until every dyad holds this many, so a small bound shows the state directory level off within the soak.")
    int historyPoints;

    @Option(names = "--mix", description = "Source weights in percent, e.g. icews=64,gdelt=30,demo=5,unsc-votes=1 (default: the load driver's, "
            + "icews=64,gdelt=30,demo=5,unsc-votes=0.8,unsc-vetoes=0.2).")
    String mix;

    @Option(names = "--events-per-source", defaultValue = "0",
            description = "Cycle only the first N real events of each mix source (default ${DEFAULT-VALUE}: all). With a few hundred, the set of country pairs "
                    + "is fixed within minutes, so what the state directory does after that is drift, not new keys.")
    int eventsPerSource;

    @Option(names = "--warm-up-minutes", defaultValue = "0",
            description = "Offer at the same rate for this long before the soak proper (default ${DEFAULT-VALUE}); sampled and written to the CSV, "
                    + "but the drift table compares the first and last windows after it.")
    double warmUpMinutes;

    @Option(names = "--warm-up-rate", description = "Offered events/s during the warm-up (default: --rate). A higher rate fills every "
            + "dyad's history to its bound before the soak proper, rare dyads included, so that what the state does after that is drift.")
    Double warmUpRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mix's source choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", description = "Where the broker and the Streams state go (default: a new temporary directory, deleted at the end).")
    Path workDir;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Progress progress = new Progress(System.out);

    /** One sample: the figures of one interval (rates, latencies) or at its end (memory, sizes, lag). */
    record Sample(double elapsedSeconds, double offeredPerSecond, double processedPerSecond, long stateP50, long stateP99, long alertP50, long alertP99,
                  int alerts, long heapUsedMiB, long heapAfterGcMiB, long rssMiB, long stateDirMiB, long analyzerLag, long alerterLag,
                  long dedupeEntries, double eventsIn, double processed, double deadLettered, String load, long heapCommittedMiB, RocksDb rocksDb, long dyads) {
        static final String HEADER = "elapsed_s,offered_per_s,processed_per_s,state_p50_ms,state_p99_ms,alert_p50_ms,alert_p99_ms,alerts,"
                + "heap_used_mib,heap_after_gc_mib,rss_mib,state_dir_mib,analyzer_lag,alerter_lag,dedupe_entries,events_in,processed,dlq,load1,"
                + "heap_committed_mib,block_cache_mib,memtables_mib,live_sst_mib,history_keys,history_sst_mib,pending_compaction_mib,dyads";

        String csv() {
            return String.format(Locale.ROOT, "%.0f,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.0f,%.0f,%.0f,%s,%d,%d,%d,%d,%d,%d,%d,%d", elapsedSeconds, offeredPerSecond,
                    processedPerSecond, stateP50, stateP99, alertP50, alertP99, alerts, heapUsedMiB, heapAfterGcMiB, rssMiB, stateDirMiB, analyzerLag, alerterLag,
                    dedupeEntries, eventsIn, processed, deadLettered, load.split(" ")[0], heapCommittedMiB, rocksDb.blockCacheMiB(), rocksDb.memtablesMiB(),
                    rocksDb.liveSstMiB(), rocksDb.historyKeys(), rocksDb.historySstMiB(), rocksDb.pendingCompactionMiB(), dyads);
        }
    }

    /**
     * RocksDB's own figures, summed over the store instances of both applications (Kafka Streams' RocksDB
     * property metrics, KIP-607): the block cache in use (one shared cache, so the largest reading), the
     * memtables, the live SST files (the state directory less obsolete files and RocksDB's preallocation), and
     * the estimated keys of the dyad history stores, which fill up to their per-dyad bound over hours and so
     * are the state that legitimately grows in a soak, and their live SST files (the rest of the live SST
     * is every other store, which should stay flat) and the bytes RocksDB
     * estimates its compactions still have to rewrite (deleted and overwritten entries not yet reclaimed).
     * -1 where no store reported.
     */
    record RocksDb(long blockCacheMiB, long memtablesMiB, long liveSstMiB, long historyKeys, long historySstMiB, long pendingCompactionMiB) {
        static RocksDb of(MeterRegistry registry) {
            return new RocksDb(mib(max(registry, ".block.cache.usage", null)), mib(sum(registry, ".size.all.mem.tables", null)),
                    mib(sum(registry, ".live.sst.files.size", null)), (long) sum(registry, ".estimate.num.keys", "history"),
                    mib(sum(registry, ".live.sst.files.size", "history")), mib(sum(registry, ".estimate.pending.compaction.bytes", null)));
        }

        private static double max(MeterRegistry registry, String suffix, String store) {
            return gauges(registry, suffix, store).max().orElse(-1);
        }

        private static double sum(MeterRegistry registry, String suffix, String store) {
            return gauges(registry, suffix, store).reduce(Double::sum).orElse(-1);
        }

        private static DoubleStream gauges(MeterRegistry registry, String suffix, String store) {
            return registry.getMeters().stream()
                    .filter(m -> m instanceof Gauge && m.getId().getName().startsWith("kafka.stream.state") && m.getId().getName().endsWith(suffix))
                    .filter(m -> store == null || m.getId().getTags().stream().anyMatch(t -> t.getValue().contains(store)))
                    .mapToDouble(m -> ((Gauge) m).value()).filter(v -> !Double.isNaN(v));
        }

        private static long mib(double bytes) {
            return bytes < 0 ? -1 : (long) (bytes / (1024 * 1024));
        }
    }

    /** Runs the soak and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (eventsPerSource < 0 || warmUpMinutes < 0 || warmUpRate != null && !(warmUpRate > 0)) {
            System.err.println("--events-per-source and --warm-up-minutes must be 0 or more, --warm-up-rate above 0");
            return 2;
        }
        if (mix != null) {
            try {
                EventMix.parseWeights(mix);
            } catch (IllegalArgumentException e) {
                System.err.println("--mix: " + e.getMessage());
                return 2;
            }
        }
        String loadBefore = MachineInfo.loadAverage();
        MachineInfo machine = MachineInfo.read();
        progress.accept(String.format(Locale.ROOT, "machine: %d processors, %.1f GiB, %s; %s; load %s; soak at %.0f events/s for %.0f min after %.0f min warm-up, event step %s, %d history points per dyad",
                machine.processors(), machine.memoryGiB(), machine.cpuModel(), machine.java(), loadBefore, rate, minutes, warmUpMinutes, eventStep, historyPoints));
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("triadwatch-soak-");
        try {
            List<Sample> samples = soak(work);
            writeCsv(samples);
            progress.raw(drift(samples, loadBefore));
            return 0;
        } finally {
            if (workDir == null) {
                LoadDriver.deleteQuietly(work);
            }
        }
    }

    private List<Sample> soak(Path work) throws Exception {
        Path data = sharedData != null ? sharedData : SharedData.locate();
        EventMix sources = EventMix.load(data, mix == null ? EventMix.DEFAULT_WEIGHTS : EventMix.parseWeights(mix), progress);
        EventStream stream = new EventStream(eventsPerSource > 0 ? sources.limitedTo(eventsPerSource) : sources, seed, EventStream.DEFAULT_START, eventStep);
        Path stateDir = work.resolve("streams");
        try (EmbeddedKafkaCluster broker = EmbeddedKafkaCluster.builder().dataDirectory(work.resolve("kafka")).build().start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
                LoadDriver.publishReference(kafka, progress);
                try (TriadwatchPipeline pipeline = TriadwatchPipeline.start("auto", kafka, Map.of(), historyPoints, stateDir, progress)) {
                    new CatchUpTimer(admin, progress).await(pipeline.analyzerId(), List.of(Topics.EVENTS.name(), Topics.TRIADS.name()), System.nanoTime(), 0, Duration.ofMinutes(2));
                    return offerAndSample(kafka, admin, stream, pipeline, stateDir);
                }
            }
        }
    }

    private List<Sample> offerAndSample(Map<String, Object> kafka, Admin admin, EventStream stream, TriadwatchPipeline pipeline, Path stateDir) throws Exception {
        Percentiles state = new Percentiles();
        Percentiles alert = new Percentiles();
        LatencyRun.Measurer measurer = new LatencyRun.Measurer(kafka, System.currentTimeMillis(), new Percentiles(), state, new Percentiles(), alert);
        Thread measuring = new Thread(measurer, "soak-latency-consumer");
        measuring.setDaemon(true);
        measuring.start();
        measurer.awaitAssigned();

        long durationNanos = (long) ((warmUpMinutes + minutes) * 60e9);
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> offer(kafka, stream, durationNanos, sent, failure), "soak-sender");
        sender.setDaemon(true);
        long t0 = System.nanoTime();
        sender.start();

        Offsets offsets = new Offsets(admin);
        List<Sample> samples = new ArrayList<>();
        long lastSent = 0;
        double lastProcessed = pipeline.count("triadwatch.analyzer.events.processed") + pipeline.count("triadwatch.analyzer.dlq");
        long lastAt = t0;
        for (long next = t0 + sampleSeconds * 1_000_000_000L; next <= t0 + durationNanos + 1_000_000L; next += sampleSeconds * 1_000_000_000L) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000_000L));
            }
            if (failure.get() != null) {
                throw new IllegalStateException("offering events failed: " + failure.get(), failure.get());
            }
            long now = System.nanoTime();
            double seconds = (now - lastAt) / 1e9;
            long sentNow = sent.get();
            double handled = pipeline.count("triadwatch.analyzer.events.processed") + pipeline.count("triadwatch.analyzer.dlq");
            Percentiles states = state.drain();
            Percentiles alerts = alert.drain();
            Sample sample = new Sample((now - t0) / 1e9, (sentNow - lastSent) / seconds, (handled - lastProcessed) / seconds,
                    states.percentile(50), states.percentile(99), alerts.percentile(50), alerts.percentile(99), alerts.count(),
                    usedHeapMiB(), heapAfterLastGcMiB(), Memory.rssMiB(), sizeMiB(stateDir),
                    lag(offsets, pipeline.analyzerId(), List.of(Topics.EVENTS.name())),
                    lag(offsets, pipeline.alerterId(), List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name())),
                    dedupeEntries(pipeline), pipeline.count("triadwatch.analyzer.events.in"), pipeline.count("triadwatch.analyzer.events.processed"),
                    pipeline.count("triadwatch.analyzer.dlq"), MachineInfo.loadAverage(), committedHeapMiB(), RocksDb.of(pipeline.registry()),
                    dyads(pipeline.httpPort()));
            samples.add(sample);
            progress.accept(String.format(Locale.ROOT, "soak: %s", sample.csv()));
            lastSent = sentNow;
            lastProcessed = handled;
            lastAt = now;
        }
        sender.join(60_000);
        measurer.stop();
        measuring.join(5_000);
        return samples;
    }

    /** Sends the mix on a fixed schedule (each record stamped with its due time) until the duration is over. */
    private void offer(Map<String, Object> kafka, EventStream stream, long durationNanos, AtomicLong sent, AtomicReference<Exception> failure) {
        long warmUpNanos = (long) (warmUpMinutes * 60e9);
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "soak-offered-load");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        double warmUpInterval = 1e9 / (warmUpRate == null ? rate : warmUpRate);
        long warmUpEvents = (long) Math.ceil(warmUpNanos / warmUpInterval);
        double intervalNanos = 1e9 / rate;
        long t0 = System.nanoTime();
        long t0Wall = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; failure.get() == null; i++) {
                long offset = i < warmUpEvents ? (long) (i * warmUpInterval) : warmUpNanos + (long) ((i - warmUpEvents) * intervalNanos);
                if (offset >= durationNanos) {
                    break;
                }
                long due = t0 + offset;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                }
                EventStream.Generated event = stream.next();
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, t0Wall + offset / 1_000_000, event.id(), event.json()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static long lag(Offsets offsets, String group, List<String> topics) {
        try {
            var ends = offsets.ends(topics);
            return ends.values().stream().mapToLong(Long::longValue).sum() - offsets.committedSum(group, ends);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The dyads the analyzer knows, as a user sees them ({@code GET /api/dyads?limit=1}, its {@code total}): state that
     * grows with new dyads is not drift. RocksDB's key estimate counts overwritten keys until compaction, so it cannot say. -1 when unknown.
     */
    private static long dyads(int httpPort) {
        if (httpPort < 0) {
            return -1;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/dyads?limit=1"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.mapper().readTree(response.body()).path("total").asLong(-1) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long dedupeEntries(TriadwatchPipeline pipeline) {
        Gauge gauge = pipeline.registry().find("triadwatch.analyzer.dedupe.entries").gauge();
        return gauge == null ? -1 : (long) gauge.value();
    }

    private static long committedHeapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
    }

    private static long usedHeapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /** @return the heap in use right after the most recent collection (the live set, give or take), or -1 */
    private static long heapAfterLastGcMiB() {
        long latestEnd = -1;
        long used = -1;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof com.sun.management.GarbageCollectorMXBean gc && gc.getLastGcInfo() != null && gc.getLastGcInfo().getEndTime() > latestEnd) {
                latestEnd = gc.getLastGcInfo().getEndTime();
                used = gc.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> !e.getKey().contains("Metaspace") && !e.getKey().contains("CodeHeap") && !e.getKey().contains("Compressed Class"))
                        .map(Map.Entry::getValue).mapToLong(MemoryUsage::getUsed).sum();
            }
        }
        return used < 0 ? -1 : used / (1024 * 1024);
    }

    private static long sizeMiB(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / (1024 * 1024);
        } catch (IOException | java.io.UncheckedIOException e) {
            // Files come and go under a running RocksDB (compactions); a failed walk is one lost reading.
            return -1;
        }
    }

    private void writeCsv(List<Sample> samples) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Sample.HEADER);
        samples.forEach(s -> lines.add(s.csv()));
        Path parent = csv.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(csv, lines);
        progress.accept("wrote " + csv.toAbsolutePath());
    }

    /** @return the drift table: each figure's mean over the first and the last {@code --drift-minutes} */
    String drift(List<Sample> samples, String loadBefore) {
        double window = driftMinutes * 60;
        double start = warmUpMinutes * 60;
        double end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds();
        List<Sample> first = samples.stream().filter(s -> s.elapsedSeconds() > start + 1 && s.elapsedSeconds() <= start + window + 1).toList();
        List<Sample> last = samples.stream().filter(s -> s.elapsedSeconds() > end - window + 1).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Soak: %.0f events/s offered for %.0f min after %.0f min warm-up at %.0f events/s (event step %s, %d history points per dyad, %s real events per source), "
                + "%d samples every %d s; load average before %s, after %s; %s%n", rate, minutes, warmUpMinutes, warmUpRate == null ? rate : warmUpRate, eventStep, historyPoints,
                eventsPerSource > 0 ? String.valueOf(eventsPerSource) : "all", samples.size(), sampleSeconds, loadBefore, MachineInfo.loadAverage(), Instant.now()));
        out.append(String.format(Locale.ROOT, "| figure | first %.0f min | last %.0f min | change |%n|---|---:|---:|---:|%n", driftMinutes, driftMinutes));
        row(out, "offered events/s", first, last, Sample::offeredPerSecond);
        row(out, "processed events/s", first, last, Sample::processedPerSecond);
        row(out, "event → dyad state p50 (ms)", first, last, s -> s.stateP50());
        row(out, "event → dyad state p99 (ms)", first, last, s -> s.stateP99());
        row(out, "event → alert p50 (ms)", first, last, s -> s.alertP50());
        row(out, "event → alert p99 (ms)", first, last, s -> s.alertP99());
        row(out, "heap used (MiB)", first, last, s -> s.heapUsedMiB());
        row(out, "heap after last GC (MiB)", first, last, s -> s.heapAfterGcMiB());
        row(out, "RSS (MiB)", first, last, s -> s.rssMiB());
        row(out, "RSS less committed heap (MiB)", first, last, s -> s.rssMiB() - s.heapCommittedMiB());
        row(out, "RocksDB block cache in use (MiB)", first, last, s -> s.rocksDb().blockCacheMiB());
        row(out, "RocksDB memtables (MiB)", first, last, s -> s.rocksDb().memtablesMiB());
        row(out, "RocksDB live SST files (MiB)", first, last, s -> s.rocksDb().liveSstMiB());
        row(out, "dyads (GET /api/dyads total)", first, last, s -> s.dyads());
        row(out, "dyad history keys", first, last, s -> s.rocksDb().historyKeys());
        row(out, "RocksDB live SST less dyad histories (MiB)", first, last, s -> s.rocksDb().liveSstMiB() - s.rocksDb().historySstMiB());
        row(out, "RocksDB pending compaction (MiB)", first, last, s -> s.rocksDb().pendingCompactionMiB());
        row(out, "Streams state dir (MiB)", first, last, s -> s.stateDirMiB());
        row(out, "analyzer lag (records)", first, last, s -> s.analyzerLag());
        row(out, "alerter lag (records)", first, last, s -> s.alerterLag());
        row(out, "dedupe entries", first, last, s -> s.dedupeEntries());
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<Sample> first, List<Sample> last, ToDoubleFunction<Sample> figure) {
        double a = mean(first, figure);
        double b = mean(last, figure);
        String change = Double.isNaN(a) || Double.isNaN(b) || a == 0 ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * (b - a) / a);
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", name, a, b, change));
    }

    /** @return the mean of the figure over the samples that have it (latencies are -1 in a window without outputs), NaN when none */
    private static double mean(List<Sample> samples, ToDoubleFunction<Sample> figure) {
        return samples.stream().mapToDouble(figure).filter(v -> v >= 0).average().orElse(Double.NaN);
    }
}
