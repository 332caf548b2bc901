package io.triadwatch.bench.jmh;

import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.bench.mix.EventStream;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Update a dyad state: one impulse applied by the analyzer's real {@code DyadProcessor} — read the
 * dyad's aggregate, decay and add, judge the move against the dyad's history, keep contributions,
 * rank series and voting record, write the history point and the aggregate, forward the state and
 * the watching triads' inputs (which are dropped here: the triad update is its own benchmark). The stores are RocksDB with the production JSON serdes (no record cache, no changelog), warmed
 * with {@value #WARM} impulses from the benchmark mix first, so the dyads carry steady-state
 * history (contributions full, hot dyads at their history cap).
 */
public class DyadUpdateBenchmark extends ShortRun {
    static final int WARM = 8_000;
    private static final int EVENTS = 12_000;
    private AnalyzerHarness harness;
    private DyadInput[] ring;
    private long spanMillis;
    private int next;
    private int lap;

    /** Generates the impulses and warms the state once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        harness = new AnalyzerHarness();
        List<DyadInput> all = harness.impulses(new EventStream(AnalyzerHarness.mix(), 13), EVENTS);
        int warm = Math.min(WARM, all.size() / 2);
        for (int i = 0; i < warm; i++) {
            harness.applyDyad(all.get(i), triadInput -> { });
        }
        ring = all.subList(warm, all.size()).toArray(new DyadInput[0]);
        spanMillis = ring[ring.length - 1].impulse().occurredAt().toEpochMilli() - ring[0].impulse().occurredAt().toEpochMilli()
                + EventStream.DEFAULT_STEP.toMillis();
    }

    /** Applies the next impulse (after a full lap, the same impulses again under new ids, later in event time). */
    @Benchmark
    public void apply() {
        DyadInput input = ring[next];
        if (lap > 0) {
            ImpulseInput i = input.impulse();
            input = DyadInput.of(input.dyad(), new ImpulseInput(i.eventId() + "~" + lap, i.kind(),
                    i.occurredAt().plus(Duration.ofMillis(spanMillis * lap)), i.appendedAt(), i.impulse(), i.sums(), i.summary(), i.visit(), i.vote()));
        }
        if (++next == ring.length) {
            next = 0;
            lap++;
        }
        harness.applyDyad(input, triadInput -> { });
    }

    /** Closes the stores. */
    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
    }
}
