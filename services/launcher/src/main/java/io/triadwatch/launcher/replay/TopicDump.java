package io.triadwatch.launcher.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.DeadLetters;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic to its committed end ({@code read_committed}), and writes it as JSON lines. */
public final class TopicDump {
    private final Map<String, Object> kafka;

    /** @param kafka client properties of the cluster to read */
    public TopicDump(Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /**
     * @return the latest value of every key of {@code topic} as UTF-8 text, sorted by key (a
     *         compacted topic's current view; a tombstone removes its key; null keys are left out)
     * @throws IllegalStateException when the topic cannot be read to its end within two minutes
     */
    public Map<String, String> latestValues(String topic) {
        TreeMap<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topic)) {
            if (r.key() == null) {
                continue;
            }
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return latest;
    }

    /** Writes the latest value per key, sorted by key (a compacted topic's current view). */
    int latestPerKey(String topic, Path out) throws IOException {
        return latestPerKey(topic, out, UnaryOperator.identity());
    }

    /** Writes the latest value of every key (tombstones remove), sorted by key, each line passed through {@code finish} first. */
    int latestPerKey(String topic, Path out, UnaryOperator<List<String>> finish) throws IOException {
        return write(out, finish.apply(new ArrayList<>(latestValues(topic).values())));
    }

    /** Writes every record's value in topic order (partition, then offset). */
    int all(String topic, Path out) throws IOException {
        return write(out, readAll(topic).stream().filter(r -> r.value() != null)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    /** Writes dead letters: key, reason headers and the raw input as text. */
    int deadLetters(String topic, Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topic)) {
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("key", r.key());
            line.put("reason", DeadLetters.header(r.headers(), DeadLetters.REASON));
            line.put("detail", DeadLetters.header(r.headers(), DeadLetters.DETAIL));
            line.put("source", DeadLetters.header(r.headers(), DeadLetters.SOURCE));
            line.put("rejectedAt", DeadLetters.header(r.headers(), DeadLetters.REJECTED_AT));
            line.put("raw", r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
            lines.add(Json.mapper().writeValueAsString(line));
        }
        return write(out, lines);
    }

    private static int write(Path out, List<String> lines) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                // Re-serialize so each record is exactly one line, whatever its producer did.
                JsonNode node = Json.mapper().readTree(line);
                writer.write(Json.mapper().writeValueAsString(node));
                writer.newLine();
            }
        }
        return lines.size();
    }

    /**
     * @return every key of {@code topic} (null keys left out), read record by record so that a
     *         large topic costs only its keys
     * @throws IllegalStateException when the topic cannot be read to its end within two minutes
     */
    public java.util.Set<String> keys(String topic) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        scan(topic, r -> {
            if (r.key() != null) {
                keys.add(r.key());
            }
        });
        return keys;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        scan(topic, records::add);
        return records;
    }

    private void scan(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
