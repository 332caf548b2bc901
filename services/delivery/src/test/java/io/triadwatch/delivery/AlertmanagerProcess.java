package io.triadwatch.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}) on a free loopback
 * port, with a temporary config and storage directory and clustering off. Its only receiver is a
 * webhook at the URL the test gives, with {@code send_resolved: true} and short grouping times.
 * <p>
 * The binary is {@value #DEFAULT_BINARY}, or the one named by the system property
 * {@value #BINARY_PROPERTY}, or {@code prometheus-alertmanager} / {@code alertmanager} on the PATH.
 * Without one the calling test is skipped (a JUnit assumption), not failed.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    /** System property naming the Alertmanager binary. */
    public static final String BINARY_PROPERTY = "triadwatch.alertmanager.binary";
    /** Where Debian's package installs it. */
    public static final String DEFAULT_BINARY = "/usr/bin/prometheus-alertmanager";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path dir;
    private final URI url;

    private AlertmanagerProcess(Process process, Path dir, URI url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    /**
     * Starts Alertmanager and waits until {@code /-/ready} answers 200; skips the test if there is no binary.
     *
     * @param webhookUrl where Alertmanager sends its notifications
     */
    public static AlertmanagerProcess start(URI webhookUrl) throws IOException {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(), "Prometheus Alertmanager is not installed (Debian package prometheus-alertmanager,"
                + " binary " + DEFAULT_BINARY + ", or -D" + BINARY_PROPERTY + "=PATH): skipping the Alertmanager round trip");
        Path dir = Files.createTempDirectory("triadwatch-alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, String.join("\n",
                "route:",
                "  receiver: capture",
                "  group_by: ['fingerprint']",
                "  group_wait: 100ms",
                "  group_interval: 500ms",
                "  repeat_interval: 1h",
                "receivers:",
                "  - name: capture",
                "    webhook_configs:",
                "      - url: '" + webhookUrl + "'",
                "        send_resolved: true",
                ""));
        int port = freePort();
        Path log = dir.resolve("alertmanager.log");
        Process process = new ProcessBuilder(List.of(binary.get().toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, dir, URI.create("http://127.0.0.1:" + port));
        try {
            Awaitility.await("Alertmanager ready on port " + port).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Alertmanager exited: " + Files.readString(log, StandardCharsets.UTF_8));
                        }
                        return get("/-/ready", alertmanager.url).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            alertmanager.close();
            throw new IllegalStateException("Alertmanager did not start: " + output, e);
        }
        return alertmanager;
    }

    /** @return Alertmanager's base URL */
    public URI url() {
        return url;
    }

    /** @return the body of {@code GET /api/v2/alerts} (active alerts) */
    public String alerts() throws IOException, InterruptedException {
        return get("/api/v2/alerts", url).body();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static HttpResponse<String> get(String path, URI base) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Path> binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured)).filter(Files::isExecutable);
        }
        if (Files.isExecutable(Paths.get(DEFAULT_BINARY))) {
            return Optional.of(Paths.get(DEFAULT_BINARY));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(d -> Stream.of(Paths.get(d, "prometheus-alertmanager"), Paths.get(d, "alertmanager")))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
