package io.triadwatch.bench.e2e;

import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.model.EventKind;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the benchmark's events to {@code triadwatch.events.v1} once, as fast as the broker takes
 * them: an idempotent {@code acks=all} producer like the ingest's, with larger batches. Not part of
 * any pipeline's timing; its own rate is reported for context.
 */
public final class EventLoader {
    private EventLoader() {
    }

    /**
     * What was written.
     *
     * @param events  records written
     * @param bytes   value bytes written
     * @param seconds wall time until every send was acknowledged
     * @param kinds   records by event kind
     * @param sources records by mix source
     */
    public record Loaded(long events, long bytes, double seconds, Map<EventKind, Long> kinds, Map<String, Long> sources) {
        /** @return events written per second */
        public double rate() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    /**
     * Writes {@code count} events of {@code stream}, reporting progress about five times.
     *
     * @param kafka client properties (bootstrap servers)
     * @return what was written, once every send was acknowledged
     * @throws IllegalStateException when a send failed
     */
    public static Loaded load(Map<String, Object> kafka, EventStream stream, long count, Progress progress) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-loader");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        Map<String, Long> sources = new java.util.TreeMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long start = System.nanoTime();
        long every = Math.max(1, Math.min(200_000, count / 5));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 1; i <= count; i++) {
                EventStream.Generated event = stream.next();
                kinds.merge(event.kind(), 1L, Long::sum);
                sources.merge(event.source(), 1L, Long::sum);
                bytes += event.json().length;
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.id(), event.json()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (failure.get() != null) {
                    throw new IllegalStateException("loading events failed: " + failure.get(), failure.get());
                }
                if (i % every == 0) {
                    double s = (System.nanoTime() - start) / 1e9;
                    progress.accept(String.format(java.util.Locale.ROOT, "load: %,d of %,d events sent (%,.0f/s)", i, count, i / s));
                }
            }
            producer.flush();
            producer.close(Duration.ofSeconds(60));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading events failed: " + failure.get(), failure.get());
        }
        return new Loaded(count, bytes, (System.nanoTime() - start) / 1e9, kinds, sources);
    }
}
