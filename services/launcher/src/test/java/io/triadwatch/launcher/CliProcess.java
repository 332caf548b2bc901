package io.triadwatch.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code triadwatch} as a separate process ({@link Main} on this test's class path), for what only
 * a process shows: its exit code, its environment, signals. Output goes to files in a directory.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code triadwatch ARGS} with {@code env} added to this process's environment. */
    public static CliProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, "256m", env, args);
    }

    /** Starts {@code triadwatch ARGS} with a heap of {@code heap} (e.g. {@code 768m}: a demo runs a broker too). */
    public static CliProcess start(Path dir, String heap, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return new CliProcess(builder.start(), out, err);
    }

    /**
     * Sends SIGKILL (what {@link Process#destroyForcibly()} does on Unix), as {@code kill -9} does,
     * and waits until the process is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Unix). */
    void terminate() {
        process.destroy();
    }

    /** Waits, up to a generous bound that is not an assertion of speed, for the process to end; @return its exit code */
    int awaitExit() {
        await("triadwatch to exit").atMost(Duration.ofMinutes(2)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** @return what it printed to standard error so far */
    public String err() {
        return read(err);
    }

    /** @return what it printed to standard output so far */
    public String out() {
        return read(out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
