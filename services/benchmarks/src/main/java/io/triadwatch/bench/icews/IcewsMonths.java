package io.triadwatch.bench.icews;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.ProgressListener;
import io.triadwatch.adapters.icews.IcewsAdapter;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerTopology;
import io.triadwatch.analyzer.dyad.DyadReadings;
import io.triadwatch.bench.alerter.AlerterReplay;
import io.triadwatch.model.Event;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.JsonSerde;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Issue #10's reading check on every month of the six-month ICEWS file (docs/analytic-model.md §3.1):
 * each calendar month alone, through the real adapter and the real analyzer topology (in a
 * TopologyTestDriver, in event-time order), read as of the month's newest event. It prints, per month,
 * the dyads with 20 or more events, how many of them sit at |score| &gt; 0.95 (the issue allows 5%), and
 * the US–PRK tone and score, as a Markdown table. Exit code 1 when a month leaves more than 5% pinned.
 * <p>
 * Usage: {@code IcewsMonths [FILE]} (default {@code ../shared/data/icews/events-2018-10-to-2019-03.tsv.gz}).
 * Too slow for the test suite (325,691 rows through the analyzer take minutes on two cores); the
 * two-day sample and the US–PRK tone around the Hanoi summit are tested in {@code RealDataReadingTest}.
 */
public final class IcewsMonths {
    /** Dyads with at least this many events in a month are the "busy" ones the check counts. */
    static final int BUSY = 20;
    /** A score beyond this is pinned. */
    static final double PINNED = 0.95;
    /** At most this share of a month's busy dyads may be pinned. */
    static final double ALLOWED_SHARE = 0.05;
    private static final String US_PRK = "PRK-USA";

    private IcewsMonths() {
    }

    /**
     * One month's reading.
     *
     * @param month   the month
     * @param events  its events
     * @param dyads   dyads with any state
     * @param busy    dyads with at least {@link #BUSY} events
     * @param pinned  busy dyads at |score| &gt; {@link #PINNED}
     * @param usPrk   the US–PRK state as of the month's newest event, or null
     * @param score   its score as of then
     */
    record Month(YearMonth month, int events, int dyads, int busy, int pinned, DyadState usPrk, double score) {
        double pinnedShare() {
            return busy == 0 ? 0 : (double) pinned / busy;
        }
    }

    /** Runs the check; prints the table; exits 1 when a month fails it. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/icews/events-2018-10-to-2019-03.tsv.gz");
        Map<YearMonth, List<Event>> months = read(file);
        System.out.printf(Locale.ROOT, "read %,d events in %d months from %s%n", months.values().stream().mapToInt(List::size).sum(), months.size(), file);
        List<Month> results = new ArrayList<>();
        for (Map.Entry<YearMonth, List<Event>> m : months.entrySet()) {
            long t0 = System.nanoTime();
            Month result = analyze(m.getKey(), m.getValue());
            results.add(result);
            System.out.printf(Locale.ROOT, "%s: %,d events in %.1f s%n", m.getKey(), m.getValue().size(), (System.nanoTime() - t0) / 1e9);
        }
        System.out.println();
        System.out.println("| month | events | dyads | dyads with ≥ 20 events | of those at \\|score\\| > 0.95 | US–PRK tone | US–PRK score |");
        System.out.println("|---|---|---|---|---|---|---|");
        boolean ok = true;
        for (Month r : results) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %d (%.1f%%) | %s | %s |%n", r.month(), r.events(), r.dyads(), r.busy(), r.pinned(),
                    100 * r.pinnedShare(), r.usPrk() == null || r.usPrk().channels() == null ? "—" : String.format(Locale.ROOT, "%+.2f", r.usPrk().channels().tone()),
                    r.usPrk() == null ? "—" : String.format(Locale.ROOT, "%+.2f", r.score()));
            ok &= r.pinnedShare() <= ALLOWED_SHARE;
        }
        System.out.println(ok ? "every month leaves at most 5% of its busy dyads pinned" : "FAILED: a month leaves more than 5% of its busy dyads pinned");
        System.exit(ok ? 0 : 1);
    }

    /** @return the file's events by calendar month (UTC) of their event time, each month in event-time order */
    static Map<YearMonth, List<Event>> read(Path file) throws IOException {
        Map<YearMonth, List<Event>> months = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             AdapterRun run = new IcewsAdapter().open(in, file.getFileName().toString(), ProgressListener.NONE)) {
            while (run.hasNext()) {
                if (run.next() instanceof AdapterItem.Produced p) {
                    months.computeIfAbsent(YearMonth.from(p.event().occurredAt().atOffset(ZoneOffset.UTC)), k -> new ArrayList<>()).add(p.event());
                }
            }
        }
        months.values().forEach(events -> events.sort(Comparator.comparing(Event::occurredAt)));
        return months;
    }

    /** Runs one month through a fresh analyzer and reads every dyad as of the month's newest event. */
    static Month analyze(YearMonth month, List<Event> events) throws IOException {
        AnalyzerConfig config = AnalyzerConfig.defaults();
        Path state = Files.createTempDirectory("icews-month");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        Map<String, DyadState> latest = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyzerTopology.build(config), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, DyadState> out = driver.createOutputTopic(Topics.DYAD_STATE.name(), new StringDeserializer(),
                    JsonSerde.of(DyadState.class).deserializer());
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                in.pipeInput(e.id(), Codecs.events().encode(e));
                if ((i + 1) % 1_000 == 0 || i == events.size() - 1) {
                    out.readKeyValuesToMap().forEach(latest::put);
                    AlerterReplay.dropOutputsExcept(driver, Topics.DYAD_STATE.name());
                }
            }
        } finally {
            deleteQuietly(state);
        }
        Instant now = latest.values().stream().map(DyadState::asOf).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        DyadReadings readings = DyadReadings.of(config, Clock.systemUTC());
        int busy = 0;
        int pinned = 0;
        for (DyadState s : latest.values()) {
            if (s.eventCount() >= BUSY) {
                busy++;
                if (Math.abs(readings.scoreAt(s, now)) > PINNED) {
                    pinned++;
                }
            }
        }
        DyadState usPrk = latest.get(US_PRK);
        return new Month(month, events.size(), latest.size(), busy, pinned, usPrk, usPrk == null ? Double.NaN : readings.scoreAt(usPrk, now));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
