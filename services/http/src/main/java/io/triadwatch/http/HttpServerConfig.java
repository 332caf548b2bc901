package io.triadwatch.http;

import java.util.Objects;

/**
 * How the HTTP server listens and guards writes.
 *
 * @param host         interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port         port, 0 for any free port
 * @param apiToken     bearer token every write ({@code POST}/{@code PUT}/{@code DELETE} under {@code /api})
 *                     must carry; never null or blank
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param security     read-only token, write rate limit, CORS allow-list and TLS
 */
public record HttpServerConfig(String host, int port, String apiToken, long maxBodyBytes, HttpSecurity security) {
    /** Default body limit: 8 MiB, enough for a batch of thousands of events. */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    public HttpServerConfig {
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("an API token is required: writes are always authenticated");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        Objects.requireNonNull(security, "security");
        if (apiToken.equals(security.readToken())) {
            throw new IllegalArgumentException("the read-only token must differ from the API (write) token");
        }
    }

    /** A configuration with the security settings of the environment ({@link HttpSecurity#fromEnvironment()}). */
    public HttpServerConfig(String host, int port, String apiToken, long maxBodyBytes) {
        this(host, port, apiToken, maxBodyBytes, HttpSecurity.fromEnvironment());
    }

    @Override
    public String toString() {
        return "HttpServerConfig[host=" + host + ", port=" + port + ", apiToken=***, maxBodyBytes=" + maxBodyBytes + ", security=" + security + "]";
    }
}
