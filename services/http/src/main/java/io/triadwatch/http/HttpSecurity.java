package io.triadwatch.http;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP server's optional protections beside the write token: a read-only token, a per-client
 * rate limit on writes, the CORS allow-list and TLS. {@link #fromEnvironment()} reads them from the
 * environment variables named below; what is unset keeps its default.
 *
 * @param readToken     a token that authenticates but may not write: a write carrying it is answered
 *                      403 (reads need no token); null for none ({@value #READ_TOKEN_ENV})
 * @param writeLimit    the per-client limit on writes, answered 429 with {@code Retry-After} beyond it;
 *                      null for none ({@value #WRITES_PER_SECOND_ENV}, {@value #WRITE_BURST_ENV})
 * @param corsOrigins   origins a browser may call the API from ({@code https://host[:port]}); empty
 *                      means no cross-origin access at all, the default ({@value #CORS_ORIGINS_ENV},
 *                      comma-separated)
 * @param tls           serve HTTPS only, with this keystore; null for plain HTTP
 *                      ({@value #TLS_KEYSTORE_ENV}, {@value #TLS_KEYSTORE_PASSWORD_ENV})
 */
public record HttpSecurity(String readToken, RateLimit writeLimit, List<String> corsOrigins, Tls tls) {
    /** Environment variable of the read-only token. */
    public static final String READ_TOKEN_ENV = "TRIADWATCH_API_READ_TOKEN";
    /** Environment variable of the sustained writes per second and client; {@code 0} turns the limit off. */
    public static final String WRITES_PER_SECOND_ENV = "TRIADWATCH_HTTP_WRITES_PER_SECOND";
    /** Environment variable of the writes a client may send at once above the sustained rate. */
    public static final String WRITE_BURST_ENV = "TRIADWATCH_HTTP_WRITE_BURST";
    /** Environment variable of the CORS allow-list. */
    public static final String CORS_ORIGINS_ENV = "TRIADWATCH_HTTP_CORS_ORIGINS";
    /** Environment variable of the TLS keystore (PKCS12 or JKS). */
    public static final String TLS_KEYSTORE_ENV = "TRIADWATCH_HTTP_TLS_KEYSTORE";
    /** Environment variable of the TLS keystore's password. */
    public static final String TLS_KEYSTORE_PASSWORD_ENV = "TRIADWATCH_HTTP_TLS_KEYSTORE_PASSWORD";
    /** Default write limit: 100 requests per second and client, bursts of 200 (a batch request carries up to 10,000 events). */
    public static final RateLimit DEFAULT_WRITE_LIMIT = new RateLimit(100, 200);

    /**
     * A token bucket per client: {@code burst} writes at once, refilled at {@code perSecond}.
     *
     * @param perSecond sustained writes per second; positive
     * @param burst     the bucket's size; at least 1
     */
    public record RateLimit(double perSecond, int burst) {
        public RateLimit {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("perSecond must be a positive number, got " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
        }
    }

    /**
     * @param keystore the keystore holding the server's key and certificate
     * @param password its password (also the key's)
     */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=***]";
        }
    }

    public HttpSecurity {
        if (readToken != null && readToken.isBlank()) {
            throw new IllegalArgumentException("a read-only token must not be blank");
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s*]+")) {
                throw new IllegalArgumentException("a CORS origin is scheme://host[:port], without a path or wildcard; got '" + origin + "'");
            }
        }
    }

    @Override
    public String toString() {
        return "HttpSecurity[readToken=" + (readToken == null ? "none" : "***") + ", writeLimit=" + writeLimit + ", corsOrigins=" + corsOrigins + ", tls=" + tls + "]";
    }

    /** @return no read token, the default write limit, no CORS, plain HTTP */
    public static HttpSecurity defaults() {
        return new HttpSecurity(null, DEFAULT_WRITE_LIMIT, List.of(), null);
    }

    /** @return the settings of the process environment */
    public static HttpSecurity fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env variables, e.g. {@link System#getenv()}
     * @return the settings {@code env} gives, the defaults for what it leaves out
     * @throws IllegalArgumentException naming the variable when a value cannot be used
     */
    public static HttpSecurity fromEnvironment(Map<String, String> env) {
        String readToken = blankToNull(env.get(READ_TOKEN_ENV));
        RateLimit limit = DEFAULT_WRITE_LIMIT;
        String rate = blankToNull(env.get(WRITES_PER_SECOND_ENV));
        String burst = blankToNull(env.get(WRITE_BURST_ENV));
        try {
            double perSecond = rate == null ? DEFAULT_WRITE_LIMIT.perSecond() : Double.parseDouble(rate);
            limit = perSecond == 0 ? null
                    : new RateLimit(perSecond, burst == null ? (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(2 * perSecond))) : Integer.parseInt(burst));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WRITES_PER_SECOND_ENV + " must be a number of writes per second (0 for no limit) and "
                    + WRITE_BURST_ENV + " a whole number of at least 1; got '" + rate + "' and '" + burst + "'", e);
        }
        String origins = blankToNull(env.get(CORS_ORIGINS_ENV));
        List<String> cors = origins == null ? List.of() : Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
        String keystore = blankToNull(env.get(TLS_KEYSTORE_ENV));
        String password = env.get(TLS_KEYSTORE_PASSWORD_ENV);
        if (keystore == null && password != null) {
            throw new IllegalArgumentException(TLS_KEYSTORE_PASSWORD_ENV + " is set but " + TLS_KEYSTORE_ENV + " is not");
        }
        Tls tls = keystore == null ? null : new Tls(Path.of(keystore), password == null ? "" : password);
        try {
            return new HttpSecurity(readToken, limit, cors, tls);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CORS_ORIGINS_ENV + " or " + READ_TOKEN_ENV + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
