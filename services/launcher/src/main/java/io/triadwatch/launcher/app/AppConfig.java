package io.triadwatch.launcher.app;

import io.triadwatch.analyzer.AnalyzerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a Triadwatch process needs to start its roles.
 *
 * @param roles           what to run (expanded: never contains {@link Role#ALL})
 * @param kafka           Kafka client properties shared by every client
 * @param httpHost        interface of the HTTP server
 * @param httpPort        port of the HTTP server, 0 for any
 * @param apiToken        bearer token for writes
 * @param stateDir        Kafka Streams state directory
 * @param publicUrl       the dashboard's base URL, used in alert links; null for {@code http://} + the bound address
 * @param alertmanagerUrl Alertmanager base URL to push alerts to, or null
 * @param webhookUrl      webhook to post alerts to, or null
 * @param advertisedHost  the host other instances reach this one at (query routing), or null for
 *                        the bound interface, or this machine's name when bound to all interfaces
 * @param grace           the analyzer's grace period: an impulse more than this behind its dyad's
 *                        newest event time is dead-lettered as {@code LATE}
 */
public record AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                        Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl, String advertisedHost, Duration grace) {
    /** The analyzer's default grace period. */
    public static final Duration DEFAULT_GRACE = AnalyzerConfig.defaults().grace();

    public AppConfig {
        roles = Role.expand(roles);
        kafka = Map.copyOf(kafka);
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(stateDir, "stateDir");
        grace = grace == null ? DEFAULT_GRACE : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
    }

    /** A config that advertises the bound interface (or this machine's name) for query routing. */
    public AppConfig(Set<Role> roles, Map<String, Object> kafka, String httpHost, int httpPort, String apiToken,
                     Path stateDir, String publicUrl, String alertmanagerUrl, String webhookUrl) {
        this(roles, kafka, httpHost, httpPort, apiToken, stateDir, publicUrl, alertmanagerUrl, webhookUrl, null, null);
    }
}
