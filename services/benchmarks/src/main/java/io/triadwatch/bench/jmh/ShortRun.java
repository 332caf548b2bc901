package io.triadwatch.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark here inherits: throughput in ops/s, one fork, two 1-second
 * warm-up iterations and six 1-second measurement iterations — short, so that the whole suite
 * runs in about two minutes on two cores, yet with enough iterations for JMH's error to mean
 * something. Each benchmark's trial setup already runs the measured code thousands of times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 1)
public abstract class ShortRun {
}
