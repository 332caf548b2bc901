package io.triadwatch.launcher.follow;

import io.triadwatch.adapters.gdelt.GdeltBatch;
import io.triadwatch.adapters.gdelt.GdeltCheckpoint;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The GDELT follower's checkpoint in the compacted {@link Topics#FOLLOWER_CHECKPOINTS} topic, keyed
 * by index URL: {@link #last()} reads the topic to its end once at start; {@link #save} returns only
 * once the cluster acknowledged the new value, so a restart resumes right after it.
 */
public final class KafkaCheckpoint implements GdeltCheckpoint, AutoCloseable {
    private final String key;
    private final KafkaProducer<String, String> producer;
    private GdeltBatch last;

    /**
     * @param kafka    client properties
     * @param indexUrl the followed index: the checkpoint's key
     */
    public KafkaCheckpoint(Map<String, Object> kafka, String indexUrl) {
        this.key = indexUrl;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.last = read(kafka, indexUrl);
    }

    private static GdeltBatch read(Map<String, Object> kafka, String key) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String value = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FOLLOWER_CHECKPOINTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        value = r.value();
                    }
                }
            }
        }
        try {
            return value == null ? null : Json.mapper().readValue(value, GdeltBatch.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable follower checkpoint for " + key + ": " + value, e);
        }
    }

    @Override
    public synchronized Optional<GdeltBatch> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public synchronized void save(GdeltBatch batch) {
        try {
            producer.send(new ProducerRecord<>(Topics.FOLLOWER_CHECKPOINTS.name(), key, Json.string(batch))).get(30, TimeUnit.SECONDS);
            last = batch;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not save the follower checkpoint " + batch + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the follower checkpoint", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
