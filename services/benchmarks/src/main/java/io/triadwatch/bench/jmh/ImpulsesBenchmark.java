package io.triadwatch.bench.jmh;

import io.triadwatch.analyzer.impulse.ImpulseTable;
import io.triadwatch.analyzer.impulse.Impulses;
import io.triadwatch.analyzer.impulse.OfficialsLookup;
import io.triadwatch.analyzer.impulse.Scoring;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Compute one event's impulses: the analyzer's {@link Impulses#score} with the default impulse table
 * over decoded events of the benchmark mix, delegation heads resolved against the demo officials
 * registry held in a RocksDB store (as the analyzer's global store holds it).
 */
public class ImpulsesBenchmark extends ShortRun {
    private static final int EVENTS = 4096;
    private final Impulses impulses = new Impulses(ImpulseTable.defaults());
    private Event[] events;
    private AnalyzerHarness harness;
    private OfficialsLookup registry;
    private int next;

    /** Decodes the events once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        harness = new AnalyzerHarness();
        registry = harness.officialsLookup();
        EventStream stream = new EventStream(AnalyzerHarness.mix(), 11);
        events = new Event[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = Codecs.events().decode(stream.next().json()).value();
        }
    }

    /** Scores the next event. */
    @Benchmark
    public Scoring score() {
        Event event = events[next];
        next = (next + 1) & (EVENTS - 1);
        return impulses.score(event, registry);
    }

    /** Closes the stores. */
    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
    }
}
