package io.triadwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HttpServerTest {
    private static final String TOKEN = "test-token";
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean analyzerUp = new AtomicBoolean(false);
    private HttpServer server;

    @BeforeEach
    void start() {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        HealthRegistry health = new HealthRegistry();
        health.register("analyzer", () -> analyzerUp.get() ? ComponentHealth.up("RUNNING") : ComponentHealth.down("REBALANCING"), true);
        health.register("flaky", () -> {
            throw new IllegalStateException("boom");
        }, false);
        server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, TOKEN, 100), registry, health, List.of(cfg -> {
            cfg.routes.post("/api/echo", ctx -> {
                MediaTypes.require(ctx, Set.of(MediaTypes.JSON));
                ctx.result(ctx.body());
            });
            cfg.routes.post("/api/text", ctx -> ctx.result(RequestBodies.utf8(ctx)));
            cfg.routes.get("/api/fail", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            cfg.routes.get("/api/missing", ctx -> {
                throw HttpProblem.notFound("no dyad CHN-XXX");
            });
        }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpRequest.Builder post(String body, String token) {
        HttpRequest.Builder b = at("/api/echo").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Test
    void shouldRefuseWritesWithoutTheBearerToken() throws Exception {
        assertThat(send(post("{}", null)).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send(post("{}", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"error\":\"unauthorized\"").contains("TRIADWATCH_API_TOKEN");
        assertThat(send(post("{}", TOKEN)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer413AboveTheBodyLimit() throws Exception {
        // Given a body one byte over the 100-byte limit
        String body = "{\"x\":\"" + "a".repeat(93) + "\"}";

        HttpResponse<String> response = send(post(body, TOKEN));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("too_large").contains("101 bytes");
    }

    @Test
    void shouldAnswer415ForAWrongContentType() throws Exception {
        HttpResponse<String> response = send(at("/api/echo").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"field\":\"Content-Type\"");
    }

    @Test
    void shouldHideInternalErrorsBehindAReference() throws Exception {
        HttpResponse<String> response = send(at("/api/fail").GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("ref ").doesNotContain("secret internal detail").doesNotContain("at io.");
    }

    @Test
    void shouldKeepAHandlersOwn404BodyAndAnswerJsonForUnknownRoutes() throws Exception {
        assertThat(send(at("/api/missing").GET()).body()).contains("no dyad CHN-XXX");
        HttpResponse<String> unknown = send(at("/api/nothing-here").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void shouldBeNotReadyUntilEveryGatingComponentIsUp() throws Exception {
        // Given the analyzer is rebalancing
        HttpResponse<String> notReady = send(at("/ready").GET());
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("REBALANCING");

        // And the process is live all the same
        assertThat(send(at("/live").GET()).statusCode()).isEqualTo(200);

        // When it is running
        analyzerUp.set(true);

        // Then ready, while /health still reports the failing check as DOWN without failing itself
        assertThat(send(at("/ready").GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> health = send(at("/health").GET());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"flaky\":{\"status\":\"DOWN\"").contains("boom").contains("\"http\":{\"status\":\"UP\"");
    }

    @Test
    void shouldExposeJvmAndRequestMetricsInPrometheusFormat() throws Exception {
        send(at("/health").GET());

        HttpResponse<String> metrics = send(at("/metrics").GET());

        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count{method=\"GET\"");
    }

    private static String postHead(String path, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    private static void assertJsonError(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).startsWith("{").contains("\"error\":").contains("\"message\":").doesNotContain("<html");
    }

    /** Runs {@code request} and returns what was logged at INFO or above meanwhile. */
    private static List<ILoggingEvent> logged(ThrowingRunnable request) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            request.run();
        } finally {
            root.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Sends {@code request} and asserts a JSON 400 and one log line without a stack trace. */
    private void assertRefused400WithOneLogLine(String request, boolean endUpload) throws Exception {
        RawHttp.Response[] response = new RawHttp.Response[1];

        List<ILoggingEvent> log = logged(() -> response[0] = RawHttp.exchange(server.port(), request, endUpload));

        assertJsonError(response[0], 400);
        assertThat(log).as(request).singleElement().satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void shouldAnswer400AndLogOneLineForABrokenChunkedBody() throws Exception {
        for (String path : List.of("/api/echo", "/api/text")) {
            // Given a chunked upload whose second chunk size is not hexadecimal
            // When it is sent
            // Then the answer is a JSON 400, and the log holds one line without a stack trace
            assertRefused400WithOneLogLine(postHead(path, "Transfer-Encoding: chunked") + "5\r\n{\"a\":\r\nZZ\r\n1}\r\n0\r\n\r\n", false);
        }
    }

    @Test
    void shouldAnswer400AndLogOneLineWhenAClientCutsItsUploadShort() throws Exception {
        for (String path : List.of("/api/echo", "/api/text")) {
            // Given an upload that declares 60 bytes and stops after 10, the client still listening
            // When it is sent
            // Then the answer is a JSON 400, and the log holds one line without a stack trace
            assertRefused400WithOneLogLine(postHead(path, "Content-Length: 60") + "{\"a\":\"bcd", true);
        }
    }

    @Test
    void shouldAnswerJsonErrorsForAnOverlongUriOversizedHeadersAndAnUnknownHttpVersion() throws Exception {
        RawHttp.Response uri = RawHttp.exchange(server.port(), "GET /live?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
        RawHttp.Response headers = RawHttp.exchange(server.port(), "GET /live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", false);
        RawHttp.Response version = RawHttp.exchange(server.port(), "GET /live HTTP/1.7\r\nHost: localhost\r\n\r\n", false);

        assertJsonError(uri, 414);
        assertJsonError(headers, 431);
        assertJsonError(version, 505);
    }

    @Test
    void shouldAnswer413AtOnceToADeclaredContentLengthAboveTheLimit() throws Exception {
        // Given a request that declares an enormous body and sends none of it
        String request = postHead("/api/echo", "Content-Length: 99999999999999");

        // When it is sent
        RawHttp.Response response = RawHttp.exchange(server.port(), request, false);

        // Then the answer is 413 (not a 408 after waiting for the body)
        assertJsonError(response, 413);
        assertThat(response.body()).contains("too_large").contains("99999999999999");
    }
}
