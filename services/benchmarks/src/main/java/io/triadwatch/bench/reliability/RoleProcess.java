package io.triadwatch.bench.reliability;

import io.triadwatch.launcher.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code triadwatch run --role ROLE} as a separate JVM (this JVM's java and class path), the
 * way an operator runs it, so that it can be killed with SIGKILL, frozen with SIGSTOP and thawed
 * with SIGCONT. A restart starts the same command again on the same state directory, port and
 * instance name (what a supervisor does); output of every incarnation is appended to one log.
 * <p>
 * Not thread-safe: one driver thread handles an instance.
 */
public final class RoleProcess implements AutoCloseable {
    /** The write token every child gets ({@code run} refuses to start without one). */
    static final String TOKEN = "reliability-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    private RoleProcess(String name, List<String> command, Path log, int port) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /**
     * How a child runs, beyond its role and place.
     *
     * @param heap            its {@code -Xmx} value, e.g. {@code 384m}
     * @param standbyReplicas its {@code --standby-replicas}, 0 or more
     * @param sessionTimeout  its {@code --session-timeout}
     * @param kafkaConfig     a {@code --kafka-config} file, or null
     */
    public record Settings(String heap, int standbyReplicas, Duration sessionTimeout, Path kafkaConfig) {
        public Settings {
            if (heap == null || !heap.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must be an -Xmx value such as 768m, got " + heap);
            }
            if (standbyReplicas < 0) {
                throw new IllegalArgumentException("standby replicas must be 0 or more, got " + standbyReplicas);
            }
            if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
                throw new IllegalArgumentException("session timeout must be positive, got " + sessionTimeout);
            }
        }
    }

    /**
     * Starts an instance with a 384 MiB heap and no standbys (what the exactly-once runs use).
     *
     * @param role            {@code analyzer} or {@code alerter} (any {@code --role} value)
     * @param instance        its static-membership name, also the name of its state directory and log
     * @param bootstrap       the cluster
     * @param dir             where its state directory and log go
     * @param port            its HTTP port (readiness is read there)
     * @param kafkaConfig     a {@code --kafka-config} file, or null
     * @param sessionTimeout  its {@code --session-timeout}
     * @return the running instance
     */
    public static RoleProcess start(String role, String instance, String bootstrap, Path dir, int port, Path kafkaConfig,
                                    Duration sessionTimeout) {
        return start(role, instance, bootstrap, dir, port, new Settings("384m", 0, sessionTimeout, kafkaConfig));
    }

    /**
     * Starts an instance.
     *
     * @param role      any {@code --role} value, e.g. {@code analyzer,alerter}
     * @param instance  its static-membership name, also the name of its state directory and log
     * @param bootstrap the cluster
     * @param dir       where its state directory and log go
     * @param port      its HTTP port (readiness is read there)
     * @param settings  heap, standbys, session timeout and client properties
     * @return the running instance
     */
    public static RoleProcess start(String role, String instance, String bootstrap, Path dir, int port, Settings settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heap(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--role", role, "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--state-dir", dir.resolve(instance + "-state").toString(), "--instance-name", instance,
                "--standby-replicas", Integer.toString(settings.standbyReplicas()), "--session-timeout", settings.sessionTimeout().toString(),
                "--bootstrap-servers", bootstrap,
                // A busy machine's broker may take longer than the default 10 s to answer the start-up check.
                "--kafka-timeout", "PT2M"));
        if (settings.kafkaConfig() != null) {
            command.addAll(List.of("--kafka-config", settings.kafkaConfig().toString()));
        }
        RoleProcess p = new RoleProcess(instance, List.copyOf(command), dir.resolve(instance + ".log"), port);
        p.launch();
        return p;
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TRIADWATCH_API_TOKEN", TOKEN);
        try {
            process = builder.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL: the process dies at once, mid-transaction or not, and is waited for. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the same command again (after {@link #kill()} or an exit). */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    /** SIGSTOP: the process freezes (no heartbeat, no commit) but keeps its sockets and transactions. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen process carries on where it stopped, believing it still owns its tasks. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** @return true when {@code /ready} answers 200 (every role of the process is RUNNING) */
    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return true while the current incarnation runs */
    public boolean alive() {
        return process.isAlive();
    }

    /** @return the exit code of the current incarnation; only once it ended */
    public int exitValue() {
        return process.exitValue();
    }

    /** @return how many times it was started, the first start included */
    public int starts() {
        return starts;
    }

    /** @return the instance name */
    public String name() {
        return name;
    }

    /** @return everything every incarnation printed so far */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM, as an operator's stop or a supervisor's does, and waits for the process to end; if it
     * has not ended within {@code patience}, SIGKILL.
     *
     * @return true when it ended by itself within {@code patience}
     */
    public boolean stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** @return the operating-system process id of the current incarnation */
    public long pid() {
        return process.pid();
    }

    /** @return a port free on the loopback interface now, for a child's HTTP server */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** @return its HTTP port */
    public int port() {
        return port;
    }

    /** SIGTERM, then SIGKILL after 20 s: a clean stop when it comes, and never a process left behind. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
