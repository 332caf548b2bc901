package io.triadwatch.delivery.feed;

import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How an {@link AlertFeed} reads and how much it keeps. Immutable; start from
 * {@link #defaults(String)} and change with the {@code with…} methods.
 *
 * @param clientProperties      Kafka consumer properties passed through as given (bootstrap servers,
 *                              SASL, TLS, client id ...). The feed overrides the deserializers,
 *                              {@code isolation.level} ({@code read_committed}), {@code enable.auto.commit}
 *                              ({@code false}) and {@code auto.offset.reset} ({@code earliest})
 * @param topic                 the alerts topic; default {@code Topics.ALERTS}
 * @param logCapacity           how many records the in-memory log keeps (the SSE replay window),
 *                              oldest dropped first; default {@value #DEFAULT_LOG_CAPACITY}
 * @param historyPerFingerprint how many records the feed keeps per fingerprint for
 *                              {@code GET /api/alerts/{fingerprint}} and the episode list;
 *                              default {@value #DEFAULT_HISTORY_PER_FINGERPRINT}
 * @param pollTimeout           the longest one {@code poll} blocks; default 500 ms
 * @param retryBackoff          the pause after a failed poll before the next try; default 1 s
 * @param metadataRefresh       how often the feed looks for new partitions of the topic; default 60 s
 */
public record AlertFeedSettings(Map<String, Object> clientProperties, String topic, int logCapacity,
                                int historyPerFingerprint, Duration pollTimeout, Duration retryBackoff,
                                Duration metadataRefresh) {
    /** Default {@link #logCapacity()}. */
    public static final int DEFAULT_LOG_CAPACITY = 10_000;
    /** Default {@link #historyPerFingerprint()}. */
    public static final int DEFAULT_HISTORY_PER_FINGERPRINT = 100;

    public AlertFeedSettings {
        clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
        Objects.requireNonNull(topic, "topic");
        requirePositive(pollTimeout, "pollTimeout");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(metadataRefresh, "metadataRefresh");
        if (!clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("clientProperties must contain bootstrap.servers");
        }
        if (logCapacity < 1 || historyPerFingerprint < 1) {
            throw new IllegalArgumentException("logCapacity and historyPerFingerprint must be ≥ 1");
        }
    }

    /** @return the defaults for a broker at {@code bootstrapServers} */
    public static AlertFeedSettings defaults(String bootstrapServers) {
        return new AlertFeedSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Topics.ALERTS.name(), DEFAULT_LOG_CAPACITY, DEFAULT_HISTORY_PER_FINGERPRINT,
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** @return these settings with {@code properties} added to (and replacing) the client properties */
    public AlertFeedSettings withClientProperties(Map<String, ?> properties) {
        Map<String, Object> merged = new HashMap<>(clientProperties);
        merged.putAll(properties);
        return new AlertFeedSettings(merged, topic, logCapacity, historyPerFingerprint, pollTimeout, retryBackoff, metadataRefresh);
    }

    /** @return these settings reading {@code alertsTopic} (tests use a topic of their own) */
    public AlertFeedSettings withTopic(String alertsTopic) {
        return new AlertFeedSettings(clientProperties, alertsTopic, logCapacity, historyPerFingerprint, pollTimeout, retryBackoff, metadataRefresh);
    }

    /** @return these settings keeping {@code records} records in the log */
    public AlertFeedSettings withLogCapacity(int records) {
        return new AlertFeedSettings(clientProperties, topic, records, historyPerFingerprint, pollTimeout, retryBackoff, metadataRefresh);
    }

    /** @return these settings keeping {@code records} records per fingerprint */
    public AlertFeedSettings withHistoryPerFingerprint(int records) {
        return new AlertFeedSettings(clientProperties, topic, logCapacity, records, pollTimeout, retryBackoff, metadataRefresh);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
