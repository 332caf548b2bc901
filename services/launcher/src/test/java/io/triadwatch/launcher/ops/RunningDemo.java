package io.triadwatch.launcher.ops;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.launcher.demo.Demo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running demo for the tests of a JVM: {@link Demo#start} with every role, the default alert
 * rules, the seed timeline, HTTP on 127.0.0.1, and its own embedded KRaft broker on a loopback port
 * (what {@code ./triadwatch demo} runs, so kcat and Prometheus see what a user would).
 * <p>
 * Tests get it as a parameter with {@code @ExtendWith(RunningDemo.Extension.class)}; it starts on
 * first use and stops when the test run ends. It owns its broker rather than using the shared test
 * broker because the Streams application ids are fixed: a second demo on the same broker (another
 * test's) would join the same consumer groups and take half of the partitions.
 * <p>
 * From before the HTTP server exists until {@code /ready} first answers 200, a watcher records
 * every {@code /ready} answer ({@link #startupReadiness()}), so tests can check readiness across
 * startup without guessing when to look.
 */
public final class RunningDemo implements AutoCloseable {
    /** The API token of the demo. */
    public static final String TOKEN = "ops-test-token";
    private static final Logger LOG = LoggerFactory.getLogger(RunningDemo.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Demo demo;
    private final Path dataDir;
    private final ReadinessWatch watch;

    private RunningDemo(Path dataDir) {
        this.dataDir = dataDir;
        int httpPort = FreePorts.loopback();
        this.watch = ReadinessWatch.start(URI.create("http://127.0.0.1:" + httpPort + "/ready"));
        List<String> rules = List.copyOf(DefaultRules.json().values());
        try {
            this.demo = Demo.start(new Demo.Options(null, Map.of(), 0, dataDir, "127.0.0.1", httpPort, TOKEN, rules),
                    line -> LOG.info("demo: {}", line));
        } catch (RuntimeException e) {
            watch.stop();
            throw e;
        }
        LOG.info("demo running: Kafka {}, HTTP {}", demo.bootstrapServers(), demo.httpPort());
    }

    /** Resolves {@link RunningDemo} parameters to the one demo of the test run. */
    public static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningDemo.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningDemo.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningDemo.class, k -> start(), RunningDemo.class);
        }
    }

    /** One {@code /ready} answer seen while the demo started. */
    public record ReadyAnswer(int status, JsonNode body) {
    }

    /** Starts a demo (use the {@link Extension} rather than calling this). */
    public static RunningDemo start() {
        try {
            return new RunningDemo(Files.createTempDirectory("triadwatch-ops-demo-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's data directory", e);
        }
    }

    /** @return the embedded broker's address, {@code 127.0.0.1:PORT} */
    public String bootstrapServers() {
        return demo.bootstrapServers();
    }

    /** @return the HTTP port */
    public int httpPort() {
        return demo.httpPort();
    }

    /** @return {@code http://127.0.0.1:PORT} + path */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + demo.httpPort() + path);
    }

    /** @return the demo itself */
    public Demo demo() {
        return demo;
    }

    /** @return the answer to {@code GET path} */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** @return the answer to an authenticated {@code POST path} of a JSON body */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** @return {@code /metrics} as text */
    public String scrape() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Waits until {@code /ready} answers 200 (every Streams instance RUNNING, Kafka reachable). */
    public RunningDemo awaitReady() {
        await("the demo's /ready to answer 200").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/ready").statusCode() == 200);
        return this;
    }

    /** @return every distinct {@code /ready} answer from before the HTTP server started until the first 200, in order */
    public List<ReadyAnswer> startupReadiness() {
        watch.awaitFirstReady();
        return watch.answers();
    }

    /** @return a JSON body as a tree */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        watch.stop();
        demo.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the demo's data directory {}: {}", dataDir, e.toString());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls {@code /ready} on a daemon thread until it first answers 200, keeping each distinct answer. */
    private static final class ReadinessWatch implements Runnable {
        private final URI ready;
        private final List<ReadyAnswer> answers = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;
        private volatile boolean sawReady;

        private ReadinessWatch(URI ready) {
            this.ready = ready;
            this.thread = new Thread(this, "ops-readiness-watch");
            this.thread.setDaemon(true);
        }

        static ReadinessWatch start(URI ready) {
            ReadinessWatch watch = new ReadinessWatch(ready);
            watch.thread.start();
            return watch;
        }

        @Override
        public void run() {
            while (!stopped && !sawReady) {
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    record(new ReadyAnswer(response.statusCode(), json(response.body())));
                    sawReady = response.statusCode() == 200;
                } catch (ConnectException e) {
                    // the HTTP server is not listening yet: nothing to record
                } catch (IOException | AssertionError e) {
                    LOG.warn("readiness watch: {}", e.toString());
                } catch (InterruptedException e) {
                    return;
                }
                sleep();
            }
        }

        private synchronized void record(ReadyAnswer answer) {
            if (answers.isEmpty() || !answers.get(answers.size() - 1).equals(answer)) {
                answers.add(answer);
            }
        }

        synchronized List<ReadyAnswer> answers() {
            return List.copyOf(answers);
        }

        void awaitFirstReady() {
            await("a 200 from /ready seen by the startup watch").atMost(Duration.ofSeconds(90)).until(() -> sawReady || stopped);
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        private void sleep() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                stopped = true;
            }
        }
    }
}
