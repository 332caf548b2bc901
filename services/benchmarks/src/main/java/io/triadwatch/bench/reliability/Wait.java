package io.triadwatch.bench.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in the benchmark drivers, polled every 100 ms. */
public final class Wait {
    private Wait() {
    }

    /**
     * Waits for {@code condition}, up to a bound that only stops a stuck run (not a speed assertion).
     *
     * @param what  what is waited for, for the error
     * @param bound how long at most
     * @throws IllegalStateException when {@code bound} passed first
     */
    public static void until(String what, BooleanSupplier condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + bound + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
