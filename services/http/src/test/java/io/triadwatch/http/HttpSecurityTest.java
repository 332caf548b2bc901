package io.triadwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server's protections beside the write token: read-only token, write rate limit, CORS, TLS. */
class HttpSecurityTest {
    private static final String TOKEN = "writer-token";
    private static final String READ_TOKEN = "reader-token";
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(HttpServer::close);
    }

    private HttpServer start(HttpSecurity security) {
        HttpServer server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, TOKEN, 1024, security), Metrics.newRegistry(), new HealthRegistry(),
                List.of(cfg -> cfg.routes.post("/api/echo", ctx -> {
                    MediaTypes.require(ctx, Set.of(MediaTypes.JSON));
                    ctx.result(ctx.body());
                })));
        servers.add(server);
        return server;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> write(HttpServer server, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/echo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A client per request: the server closes a connection whose body it refused unread.
        return send(HttpClient.newHttpClient(), request.build());
    }

    private static HttpResponse<String> get(HttpServer server, String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(HttpClient.newHttpClient(), request.build());
    }

    @Test
    void shouldAnswer403ToAWriteWithTheReadOnlyToken() throws Exception {
        // Given a server with a read-only token beside the write token
        HttpServer server = start(new HttpSecurity(READ_TOKEN, null, List.of(), null));

        // When a write carries the read-only token, the write token, or none
        HttpResponse<String> reader = write(server, READ_TOKEN);
        HttpResponse<String> writer = write(server, TOKEN);
        HttpResponse<String> nobody = write(server, null);

        // Then the read-only token is forbidden, the write token passes, and no token is unauthorized
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).contains("\"error\":\"forbidden\"").contains("read-only").contains(HttpSecurity.READ_TOKEN_ENV);
        assertThat(writer.statusCode()).isEqualTo(200);
        assertThat(nobody.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer429WithRetryAfterToAClientBeyondItsWriteLimitAndStillServeItsReads() throws Exception {
        // Given a limit of 2 writes at once, refilled at one per hour
        HttpServer server = start(new HttpSecurity(null, new HttpSecurity.RateLimit(1.0 / 3600, 2), List.of(), null));

        // When a client sends three writes
        int first = write(server, TOKEN).statusCode();
        int second = write(server, TOKEN).statusCode();
        HttpResponse<String> third = write(server, TOKEN);

        // Then the third is 429 with the seconds until a write is allowed again, and reads still pass
        assertThat(List.of(first, second)).containsOnly(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("\"error\":\"too_many_requests\"");
        assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 3600L));
        assertThat(get(server, "/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefillAClientsWritesAtTheLimitsRateAndKeepClientsApart() {
        // Given a limit of 2 at once, 1 per second, on a clock the test moves
        long[] now = {0};
        WriteRateLimiter limiter = new WriteRateLimiter(new HttpSecurity.RateLimit(1, 2), () -> now[0]);

        // Then a client gets its burst, then must wait a second; another client is not affected
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).isZero();
        now[0] += TimeUnit.MILLISECONDS.toNanos(1000);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void shouldSendNoCorsHeadersUnlessTheOriginIsAllowed() throws Exception {
        // Given a server with the defaults and one that allows one dashboard origin
        HttpServer closed = start(HttpSecurity.defaults());
        HttpServer open = start(new HttpSecurity(null, HttpSecurity.DEFAULT_WRITE_LIMIT, List.of("https://dash.example"), null));

        // Then no origin is allowed by default, and only the listed one by the other
        assertThat(get(closed, "/live", "https://dash.example").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get(open, "/live", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get(open, "/live", "https://dash.example").headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://dash.example");
    }

    @Test
    void shouldServeHttpsOnlyWithTheConfiguredKeystore(@TempDir Path dir) throws Exception {
        // Given a self-signed keystore for 127.0.0.1
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "triadwatch", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        // When the server is started with it
        HttpServer server = start(new HttpSecurity(null, HttpSecurity.DEFAULT_WRITE_LIMIT, List.of(), new HttpSecurity.Tls(keystore, "changeit")));

        // Then it answers over HTTPS to a client that trusts the certificate
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpResponse<String> https = send(HttpClient.newBuilder().sslContext(ssl).build(),
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/live")).GET().build());
        assertThat(https.statusCode()).isEqualTo(200);
        // And not over plain HTTP
        int plain;
        try {
            plain = get(server, "/live", null).statusCode();
        } catch (java.io.IOException refused) {
            plain = -1;
        }
        assertThat(plain).isNotEqualTo(200);
    }

    @Test
    void shouldReadTheSettingsFromTheEnvironmentAndNameABadVariable() {
        HttpSecurity security = HttpSecurity.fromEnvironment(Map.of(
                HttpSecurity.READ_TOKEN_ENV, "r", HttpSecurity.WRITES_PER_SECOND_ENV, "5", HttpSecurity.CORS_ORIGINS_ENV, "https://a.example, http://b.example:8080",
                HttpSecurity.TLS_KEYSTORE_ENV, "/etc/tw/server.p12", HttpSecurity.TLS_KEYSTORE_PASSWORD_ENV, "secret"));

        assertThat(security.readToken()).isEqualTo("r");
        assertThat(security.writeLimit()).isEqualTo(new HttpSecurity.RateLimit(5, 10));
        assertThat(security.corsOrigins()).containsExactly("https://a.example", "http://b.example:8080");
        assertThat(security.tls()).isEqualTo(new HttpSecurity.Tls(Path.of("/etc/tw/server.p12"), "secret"));
        assertThat(security.toString()).doesNotContain("secret").doesNotContain("=r,");
        assertThat(HttpSecurity.fromEnvironment(Map.of())).isEqualTo(HttpSecurity.defaults());
        assertThat(HttpSecurity.fromEnvironment(Map.of(HttpSecurity.WRITES_PER_SECOND_ENV, "0")).writeLimit()).isNull();
        assertThatThrownBy(() -> HttpSecurity.fromEnvironment(Map.of(HttpSecurity.WRITES_PER_SECOND_ENV, "fast")))
                .hasMessageContaining(HttpSecurity.WRITES_PER_SECOND_ENV);
        assertThatThrownBy(() -> HttpSecurity.fromEnvironment(Map.of(HttpSecurity.CORS_ORIGINS_ENV, "*")))
                .hasMessageContaining(HttpSecurity.CORS_ORIGINS_ENV);
        assertThatThrownBy(() -> new HttpServerConfig("127.0.0.1", 0, TOKEN, 1, new HttpSecurity(TOKEN, null, List.of(), null)))
                .hasMessageContaining("must differ");
    }
}
