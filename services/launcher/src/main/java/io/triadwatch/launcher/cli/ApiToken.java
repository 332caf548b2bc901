package io.triadwatch.launcher.cli;

import java.security.SecureRandom;
import java.util.Base64;

/** The API token for writes: {@code TRIADWATCH_API_TOKEN}, or a fresh random one. */
final class ApiToken {
    static final String ENV = "TRIADWATCH_API_TOKEN";

    private ApiToken() {
    }

    /** @return the configured token, or null when unset */
    static String fromEnvironment() {
        String token = System.getenv(ENV);
        return token == null || token.isBlank() ? null : token.trim();
    }

    /** @return a random 192-bit URL-safe token */
    static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
