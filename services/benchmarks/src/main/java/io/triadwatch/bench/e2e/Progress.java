package io.triadwatch.bench.e2e;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/** Progress lines on standard output, each stamped with the seconds since the driver started. Thread-safe. */
public final class Progress implements Consumer<String> {
    private final long start = System.nanoTime();
    private final PrintStream out;

    /** @param out where the lines go */
    public Progress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(String line) {
        synchronized (out) {
            out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, line);
            out.flush();
        }
    }

    /** Prints a line without a stamp (tables). */
    public void raw(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
