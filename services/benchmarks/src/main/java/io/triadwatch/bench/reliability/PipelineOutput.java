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
 * that only a repeated (non-exactly-once) application writes; {@link #sequenceDifferences} says where
 * the order of states differs.
 * <p>
 * A full run writes hundreds of thousands of states, so {@link #read} keeps each state record in
 * {@link #brief} form (subject, count, event, time, score and a digest of the whole record) and only
 * the latest record of each subject whole.
 *
 * @param dyadRecords  dyad-state records in topic order (per partition, by offset), normalized, brief or whole
 * @param triadRecords triad-state records in topic order, normalized, brief or whole
 * @param alerts       alert records in topic order, normalized
 * @param dyads        the latest state of every dyad, whole, by dyad id
 * @param triads       the latest state of every triad, whole, by triad id
 */
public record PipelineOutput(List<ObjectNode> dyadRecords, List<ObjectNode> triadRecords, List<ObjectNode> alerts,
                             Map<String, ObjectNode> dyads, Map<String, ObjectNode> triads) {
    private static final List<String> WALL_CLOCK = List.of("updatedAt", "emittedAt", "eventAppendedAt", "generatorURL");

    public PipelineOutput {
        dyadRecords = List.copyOf(dyadRecords);
        triadRecords = List.copyOf(triadRecords);
        alerts = List.copyOf(alerts);
        dyads = java.util.Collections.unmodifiableMap(new TreeMap<>(dyads));
        triads = java.util.Collections.unmodifiableMap(new TreeMap<>(triads));
    }

    /** An output whose latest states are the last whole records of each subject in the lists. */
    public PipelineOutput(List<ObjectNode> dyadRecords, List<ObjectNode> triadRecords, List<ObjectNode> alerts) {
        this(dyadRecords, triadRecords, alerts, latest(dyadRecords, "dyad"), latest(triadRecords, "triad"));
    }

    /**
     * Reads the three output topics to their committed end.
     *
     * @param bootstrap the cluster
     * @return what is there now
     */
    public static PipelineOutput read(String bootstrap) {
        Map<String, ObjectNode> dyads = new TreeMap<>();
        Map<String, ObjectNode> triads = new TreeMap<>();
        List<ObjectNode> dyadRecords = readAll(bootstrap, Topics.DYAD_STATE.name(), r -> brief(r, "dyad", dyads));
        List<ObjectNode> triadRecords = readAll(bootstrap, Topics.TRIAD_STATE.name(), r -> brief(r, "triad", triads));
        return new PipelineOutput(dyadRecords, triadRecords, readAll(bootstrap, Topics.ALERTS.name(), r -> r), dyads, triads);
    }

    /**
     * @return the fields of a state record the checks read, and a digest of the whole record (two briefs
     *         are equal when the records are); the whole record becomes its subject's latest in {@code latest}
     */
    static ObjectNode brief(ObjectNode record, String idField, Map<String, ObjectNode> latest) {
        latest.put(record.path(idField).asText(), record);
        ObjectNode brief = Json.mapper().createObjectNode();
        for (String field : List.of(idField, "eventCount", "lastEventId", "asOf", "score")) {
            if (record.has(field)) {
                brief.set(field, record.get(field));
            }
        }
        try {
            brief.put("digest", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Json.mapper().writeValueAsBytes(record))));
        } catch (java.security.NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a state record", e);
        }
        return brief;
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

    /**
     * Where the order of what the analyzer wrote differs from {@code expected} (empty when it does
     * not): per dyad, the first state that differs from the expected sequence of states, and per
     * triad the same. Final states can agree while these differ (the decayed sums are linear, so how
     * coded reports were combined does not change them); the alerter sees every state, so its alerts
     * depend on the sequences. A diagnostic line, not a pass/fail criterion of its own.
     *
     * @param expected an uninterrupted run of the same input
     * @return one line per subject whose sequence differs, at most 20
     */
    public List<String> sequenceDifferences(PipelineOutput expected) {
        List<String> found = new ArrayList<>();
        compareSequences("dyad", bySubject(dyadRecords, "dyad"), bySubject(expected.dyadRecords, "dyad"), found);
        compareSequences("triad", bySubject(triadRecords, "triad"), bySubject(expected.triadRecords, "triad"), found);
        return found;
    }

    private static Map<String, List<ObjectNode>> bySubject(List<ObjectNode> records, String idField) {
        Map<String, List<ObjectNode>> out = new TreeMap<>();
        records.forEach(r -> out.computeIfAbsent(r.path(idField).asText(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static void compareSequences(String kind, Map<String, List<ObjectNode>> actual, Map<String, List<ObjectNode>> expected,
                                         List<String> found) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        actual.keySet().forEach(k -> keys.put(k, true));
        expected.keySet().forEach(k -> keys.put(k, true));
        for (String key : keys.keySet()) {
            List<ObjectNode> a = actual.getOrDefault(key, List.of());
            List<ObjectNode> e = expected.getOrDefault(key, List.of());
            int i = 0;
            while (i < a.size() && i < e.size() && a.get(i).equals(e.get(i))) {
                i++;
            }
            if ((i < a.size() || i < e.size()) && found.size() < 20) {
                found.add(kind + " " + key + " sequence differs at state " + i + " of " + e.size() + " expected / " + a.size() + " written: expected "
                        + (i < e.size() ? brief(e.get(i)) : "none") + " but was " + (i < a.size() ? brief(a.get(i)) : "none"));
            }
        }
    }

    private static String brief(ObjectNode state) {
        return "lastEventId=" + state.path("lastEventId").asText() + " asOf=" + state.path("asOf").asText() + " eventCount="
                + state.path("eventCount").asText() + " score=" + state.path("score").asText();
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

    private static List<ObjectNode> readAll(String bootstrap, String topic, java.util.function.UnaryOperator<ObjectNode> keep) {
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
                            records.add(keep.apply(normalize((ObjectNode) Json.mapper().readTree(new String(r.value(), StandardCharsets.UTF_8)))));
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
