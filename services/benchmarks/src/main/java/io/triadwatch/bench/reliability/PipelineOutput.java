package io.triadwatch.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the analyzer and the alerter committed, read back {@code read_committed}: every dyad-state,
 * triad-state and alert record in topic order, with the wall-clock fields ({@code updatedAt},
 * {@code emittedAt}, {@code eventAppendedAt}) and the alert's dashboard link (it names the alerter's
 * HTTP port) removed, so that two runs of the same input compare equal.
 * <p>
 * The checker behind the crash and fencing runs: {@link #differences(PipelineOutput)} compares the
 * final states and the alert episodes with an uninterrupted run; {@link #duplicates()} finds output
 * that only a repeated (non-exactly-once) application writes.
 *
 * @param dyadRecords  dyad-state records in topic order (per partition, by offset), normalized
 * @param triadRecords triad-state records in topic order, normalized
 * @param alerts       alert records in topic order, normalized
 */
public record PipelineOutput(List<ObjectNode> dyadRecords, List<ObjectNode> triadRecords, List<ObjectNode> alerts) {
    private static final List<String> WALL_CLOCK = List.of("updatedAt", "emittedAt", "eventAppendedAt", "generatorURL");

    public PipelineOutput {
        dyadRecords = List.copyOf(dyadRecords);
        triadRecords = List.copyOf(triadRecords);
        alerts = List.copyOf(alerts);
    }

    /**
     * Reads the three output topics to their committed end.
     *
     * @param bootstrap the cluster
     * @return what is there now
     */
    public static PipelineOutput read(String bootstrap) {
        return new PipelineOutput(readAll(bootstrap, Topics.DYAD_STATE.name()), readAll(bootstrap, Topics.TRIAD_STATE.name()),
                readAll(bootstrap, Topics.ALERTS.name()));
    }

    /** @return the latest state of every dyad, by dyad id */
    public Map<String, ObjectNode> dyads() {
        return latest(dyadRecords, "dyad");
    }

    /** @return the latest state of every triad, by triad id */
    public Map<String, ObjectNode> triads() {
        return latest(triadRecords, "triad");
    }

    /** @return the sum of the final dyads' {@code eventCount}: every event applied, once per dyad it moved */
    public long eventsApplied() {
        return dyads().values().stream().mapToLong(d -> d.path("eventCount").asLong()).sum();
    }

    /**
     * Output only a repeated application writes, in words (empty when there is none): a dyad state
     * whose {@code eventCount} does not exceed the one before it for that dyad (the analyzer counts
     * every event it applies, so a replayed event writes a count already written), and an alert
     * transition (fingerprint, episode, status) written twice.
     *
     * @return one line per duplicate
     */
    public List<String> duplicates() {
        List<String> found = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (ObjectNode dyad : dyadRecords) {
            String id = dyad.path("dyad").asText();
            long count = dyad.path("eventCount").asLong();
            Long before = counts.put(id, count);
            if (before != null && count <= before) {
                found.add("dyad " + id + ": eventCount " + count + " written after " + before + " (last event " + dyad.path("lastEventId").asText() + ")");
            }
        }
        Map<String, Integer> transitions = new HashMap<>();
        for (ObjectNode alert : alerts) {
            String key = alert.path("fingerprint").asText() + " episode " + alert.path("episode").asInt() + " " + alert.path("status").asText();
            if (transitions.merge(key, 1, Integer::sum) == 2) {
                found.add("alert " + key + " written more than once");
            }
        }
        return found;
    }

    /**
     * How this run differs from {@code expected} (empty when it does not): final dyad and triad
     * states, and the alert transitions, each compared as sets (fields as written, wall-clock
     * fields left out).
     *
     * @param expected an uninterrupted run of the same input
     * @return one line per difference, at most 20 per kind
     */
    public List<String> differences(PipelineOutput expected) {
        List<String> found = new ArrayList<>();
        compare("dyad", dyads(), expected.dyads(), found);
        compare("triad", triads(), expected.triads(), found);
        compare("alert", alertTransitions(), expected.alertTransitions(), found);
        return found;
    }

    /** @return every alert, by fingerprint, episode and status (the last one written wins) */
    public Map<String, ObjectNode> alertTransitions() {
        Map<String, ObjectNode> byKey = new TreeMap<>();
        for (ObjectNode alert : alerts) {
            byKey.put(alert.path("fingerprint").asText() + "#" + alert.path("episode").asInt() + "#" + alert.path("status").asText(), alert);
        }
        return byKey;
    }

    private static void compare(String kind, Map<String, ObjectNode> actual, Map<String, ObjectNode> expected, List<String> found) {
        int reported = 0;
        TreeMap<String, Boolean> keys = new TreeMap<>();
        actual.keySet().forEach(k -> keys.put(k, true));
        expected.keySet().forEach(k -> keys.put(k, true));
        for (String key : keys.keySet()) {
            JsonNode a = actual.get(key);
            JsonNode e = expected.get(key);
            if (!Objects.equals(a, e) && reported++ < 20) {
                found.add(kind + " " + key + ": expected " + e + " but was " + a);
            }
        }
    }

    private static Map<String, ObjectNode> latest(List<ObjectNode> records, String idField) {
        Map<String, ObjectNode> latest = new TreeMap<>();
        records.forEach(r -> latest.put(r.path(idField).asText(), r));
        return latest;
    }

    /** @return {@code record} without its wall-clock fields */
    static ObjectNode normalize(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove(WALL_CLOCK);
        return copy;
    }

    private static List<ObjectNode> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ObjectNode> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            // One partition at a time, so that the list is in topic order per partition (what duplicates() needs).
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (consumer.position(partition) < ends.get(partition)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot read " + partition + " to its end " + ends.get(partition));
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.value() != null) {
                            records.add(normalize((ObjectNode) Json.mapper().readTree(new String(r.value(), StandardCharsets.UTF_8))));
                        }
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable record on " + topic + ": " + e.getMessage(), e);
        }
        return records;
    }
}
