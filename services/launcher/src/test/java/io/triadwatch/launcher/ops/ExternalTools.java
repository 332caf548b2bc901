package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Debian tools the operations tests drive (promtool, prometheus, kcat): finding them, and
 * running them with a timeout. A missing tool skips the test (an assumption), never fails it;
 * {@code .ci/run} installs them in CI.
 */
public final class ExternalTools {
    private static final List<String> EXTRA_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin");

    private ExternalTools() {
    }

    /** What a finished process did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** @return the command, exit code and both outputs, for failure messages */
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** @return the executable {@code name} on the PATH (or in /usr/bin and friends), if installed */
    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /**
     * @param name          the executable
     * @param debianPackage the package that provides it
     * @return its path; skips the calling test when it is not installed
     */
    public static Path require(String name, String debianPackage) {
        Optional<Path> tool = find(name);
        assumeThat(tool).as("%s is not installed (Debian package %s; .ci/run installs it): test skipped", name, debianPackage).isPresent();
        return tool.orElseThrow();
    }

    /**
     * Runs a command to completion, with {@code stdin} as its input.
     *
     * @throws AssertionError when it does not finish within {@code timeout} (it is then killed)
     */
    public static Result run(Duration timeout, byte[] stdin, List<String> command) {
        try {
            Path out = Files.createTempFile("triadwatch-tool-", ".out");
            Path err = Files.createTempFile("triadwatch-tool-", ".err");
            out.toFile().deleteOnExit();
            err.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "\n--- stdout\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\n--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Runs a command without input. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, new byte[0], List.of(command));
    }

    /**
     * Starts a long-running process (a server) with its output going to {@code log}.
     *
     * @return the process; the caller stops it with {@link #stop(Process)}
     */
    public static Process start(Path log, List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Stops a process started by {@link #start}: SIGTERM, then SIGKILL after ten seconds. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
