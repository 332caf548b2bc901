package io.triadwatch.bench.jmh;

import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadAggregate;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.analyzer.triad.TriadMath;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Update a triad state, two ways:
 * <ul>
 *   <li>{@code process}: the analyzer's real {@code TriadProcessor} applies one dyad move to a
 *       watched triad — read the aggregate (the production binary serde, up to 200 moves in the
 *       zero-sum window), merge, recompute, write it back, forward the state — on a RocksDB store;</li>
 *   <li>{@code state}: the pure arithmetic alone, {@link TriadMath#state}, on the warmed aggregates.</li>
 * </ul>
 * The moves are those the real dyad processor emitted for the demo's four watched triads while
 * applying the benchmark mix (only impulses on watched dyads are applied: the others emit nothing for triads).
 * <p>
 * Caveat for {@code process}: the mix saturates the watched dyads (scores at ±1) long before the
 * measured half, so nearly all measured moves have delta 0 and never enter the zero-sum window.
 * The windows hold the warm-up's 115–200 moves, and as each lap carries event time forward by the
 * ring's span (about 5 days) those age out after about 17 laps (≈113,000 operations), leaving
 * the windows all but empty. A fast enough implementation reaches that point within the default
 * run and then measures updates of empty windows. To compare implementations on full windows, keep the run under that
 * count, e.g. {@code -bm ss -wbs 2000 -bs 2000 -wi 10 -i 20} (60,000 operations, time per 2,000).
 */
public class TriadUpdateBenchmark extends ShortRun {
    private static final int EVENTS = 30_000;
    private AnalyzerHarness harness;
    private TriadMath math;
    private TriadInput[] ring;
    private TriadAggregate[] aggregates;
    private long spanMillis;
    private int next;
    private int lap;
    private int nextAggregate;

    /** Runs the mix through intake and dyads, warms the triads with half of their inputs, once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        harness = new AnalyzerHarness();
        math = new TriadMath(harness.config.halfLife(), harness.config.scoreScale(), harness.config.neutralBand(), harness.config.zeroSumWindow());
        List<TriadInput> inputs = new ArrayList<>();
        for (DyadInput input : harness.impulses(new EventStream(AnalyzerHarness.mix(), 17), EVENTS)) {
            if (harness.watchedDyads.contains(input.dyad())) {
                harness.applyDyad(input, inputs::add);
            }
        }
        int warm = inputs.size() / 2;
        for (int i = 0; i < warm; i++) {
            process(inputs.get(i));
        }
        ring = inputs.subList(warm, inputs.size()).toArray(new TriadInput[0]);
        spanMillis = Duration.between(eventAt(ring[0]), eventAt(ring[ring.length - 1])).toMillis() + EventStream.DEFAULT_STEP.toMillis();
        List<TriadAggregate> warmed = new ArrayList<>();
        try (KeyValueIterator<String, TriadAggregate> it = harness.triadStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, TriadAggregate> entry = it.next();
                if (entry.value.definition() != null) {
                    warmed.add(entry.value);
                }
            }
        }
        aggregates = warmed.toArray(new TriadAggregate[0]);
    }

    private static Instant eventAt(TriadInput input) {
        return input.move().eventAt() != null ? input.move().eventAt() : input.move().asOf();
    }

    private void process(TriadInput input) {
        harness.triads.process(new Record<>(input.triad(), input, 0L));
        harness.triadContext.resetForwards();
    }

    /** Applies the next dyad move to its triad (after a full lap, the same moves again, later in event time). */
    @Benchmark
    public void process() {
        TriadInput input = ring[next];
        if (lap > 0) {
            DyadMove m = input.move();
            Duration shift = Duration.ofMillis(spanMillis * lap);
            input = TriadInput.move(input.triad(), new DyadMove(m.dyad(), m.rawSum(), m.asOf() == null ? null : m.asOf().plus(shift), m.score(), m.delta(),
                    m.eventId(), m.eventAt() == null ? null : m.eventAt().plus(shift), m.moved()));
        }
        if (++next == ring.length) {
            next = 0;
            lap++;
        }
        process(input);
    }

    /** Recomputes the state of the next warmed triad from its aggregate (pure). */
    @Benchmark
    public TriadState state() {
        TriadAggregate a = aggregates[nextAggregate];
        nextAggregate = (nextAggregate + 1) % aggregates.length;
        return math.state(a.definition(), a.dyads(), a.moves(), a.state() == null ? null : a.state().lastDyad(),
                a.state() == null ? null : a.state().lastEventId());
    }

    /** Closes the stores. */
    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
    }
}
