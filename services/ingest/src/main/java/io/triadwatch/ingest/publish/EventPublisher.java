package io.triadwatch.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.Rejection;
import io.triadwatch.topics.DeadLetters;
import io.triadwatch.topics.PaceEnd;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes canonical events to {@link Topics#EVENTS} (keyed by event id) and rejected input to
 * {@link Topics#DLQ}, with an idempotent producer and {@code acks=all}. An id already published in
 * this run is not sent again: it is reported as a duplicate.
 * <p>
 * Thread-safe. Sends are asynchronous; the returned futures complete when the cluster acknowledged
 * the record (or failed it: then the id is forgotten so a retry can send it).
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics clientMetrics;
    private final RecentIds recentIds;
    private final IngestMetrics metrics;

    /** What happened to one offered event. */
    public enum Outcome { PUBLISHED, DUPLICATE }

    /**
     * @param clientProperties Kafka client properties: at least {@code bootstrap.servers}; SASL/TLS
     *                         settings pass through unchanged
     * @param registry         where the producer's client metrics and the ingest counters go
     * @param dedupeCapacity   how many ids to remember for duplicate detection
     */
    public EventPublisher(Map<String, Object> clientProperties, MeterRegistry registry, int dedupeCapacity) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "triadwatch-ingest");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.clientMetrics = new KafkaClientMetrics(producer);
        clientMetrics.bindTo(registry);
        this.recentIds = new RecentIds(dedupeCapacity);
        this.metrics = new IngestMetrics(registry);
    }

    /** @return the ingest counters, for callers that reject input before it reaches the publisher */
    public IngestMetrics metrics() {
        return metrics;
    }

    /**
     * Publishes {@code event} unless its id was already published in this run.
     *
     * @param channel counter tag: {@code cli}, {@code http}, {@code adapter}
     * @return completes with the outcome once acknowledged; exceptionally when the send failed
     */
    public CompletableFuture<Outcome> publish(Event event, String channel) {
        return publish(event, channel, false);
    }

    /**
     * Like {@link #publish(Event, String)}; with {@code paceEnd}, the record carries the
     * {@link PaceEnd} header: the caller will wait for the analyzer after this event.
     */
    public CompletableFuture<Outcome> publish(Event event, String channel, boolean paceEnd) {
        if (!recentIds.firstSighting(event.id())) {
            metrics.duplicate(channel);
            return CompletableFuture.completedFuture(Outcome.DUPLICATE);
        }
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, event.id(), Json.bytes(event), paceEnd ? PaceEnd.headers() : null),
                (metadata, error) -> {
            if (error == null) {
                metrics.accepted(channel);
                result.complete(Outcome.PUBLISHED);
            } else {
                recentIds.forget(event.id());
                metrics.rejected(channel, RejectReason.PUBLISH_FAILED);
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /**
     * Sends rejected input, unchanged, to the DLQ with reason headers, and counts it.
     *
     * @param source where it came from, e.g. {@code cli:events.jsonl:12}
     * @return completes once acknowledged
     */
    public CompletableFuture<Void> deadLetter(byte[] raw, Rejection rejection, String source, String channel) {
        metrics.rejected(channel, rejection.reason());
        CompletableFuture<Void> result = new CompletableFuture<>();
        producer.send(DeadLetters.record(raw, rejection, source, Instant.now()), (metadata, error) -> {
            if (error == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /** Sends everything buffered and waits for it. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        clientMetrics.close();
        producer.close(Duration.ofSeconds(30));
    }
}
