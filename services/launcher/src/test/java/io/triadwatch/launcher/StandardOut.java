package io.triadwatch.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command prints to standard output while captured (the CLI's user-facing lines go there). */
final class StandardOut {
    private final PrintStream original;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StandardOut(PrintStream original) {
        this.original = original;
    }

    /** Starts capturing; the lines are also still printed. */
    static StandardOut capture() {
        StandardOut capture = new StandardOut(System.out);
        PrintStream copy = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                capture.bytes.write(b);
                capture.original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                capture.bytes.write(b, off, len);
                capture.original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(copy);
        return capture;
    }

    /** Stops capturing. */
    void restore() {
        System.setOut(original);
    }

    /** @return everything printed so far */
    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
