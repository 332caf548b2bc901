package io.triadwatch.ingest.reference;

import io.triadwatch.model.Official;
import io.triadwatch.model.Triad;
import io.triadwatch.model.AlertRule;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.ValidatingCodec;
import io.triadwatch.topics.Topics;
import io.triadwatch.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes reference data (officials, watched triads, alert rules) to their compacted topics,
 * one validated JSON document per line, each under its contract key. Publishing the same file
 * twice leaves the topics' compacted view unchanged.
 */
public final class ReferencePublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    /** @param clientProperties Kafka client properties (bootstrap servers, security) */
    public ReferencePublisher(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "triadwatch-reference");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Publishes officials keyed {@code id@validFrom}. */
    public int officials(List<String> lines, String origin) {
        return publish(Topics.OFFICIALS, Codecs.officials(), Official::versionKey, lines, origin);
    }

    /** Publishes triads keyed by triad id. */
    public int triads(List<String> lines, String origin) {
        return publish(Topics.TRIADS, Codecs.triads(), Triad::id, lines, origin);
    }

    /** Publishes alert rules keyed by rule id. */
    public int rules(List<String> lines, String origin) {
        return publish(Topics.RULES, Codecs.rules(), AlertRule::id, lines, origin);
    }

    /**
     * Validates every line first and publishes only when all are valid, so a bad file changes
     * nothing.
     *
     * @return how many records were published
     * @throws IllegalArgumentException naming {@code origin}, the line and the field of the first invalid line
     */
    <T> int publish(TopicSpec topic, ValidatingCodec<T> codec, Function<T, String> key, List<String> lines, String origin) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Decoded<T> decoded = codec.decode(line.getBytes(StandardCharsets.UTF_8));
            if (!decoded.accepted()) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": " + decoded.rejection().reason() + " at "
                        + decoded.rejection().field() + ": " + decoded.rejection().detail());
            }
            values.add(decoded.value());
        }
        List<Future<RecordMetadata>> sends = values.stream()
                .map(v -> producer.send(new ProducerRecord<>(topic.name(), key.apply(v), Json.string(v)))).toList();
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not publish " + origin + " to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + origin, e);
            }
        }
        return values.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
