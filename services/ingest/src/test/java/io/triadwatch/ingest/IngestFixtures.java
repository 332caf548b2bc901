package io.triadwatch.ingest;

import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Shared pieces of the ingest integration tests: topics on the test broker and unique event ids. */
final class IngestFixtures {
    private IngestFixtures() {
    }

    static String bootstrap() {
        String servers = KafkaTestBroker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
        }
        return servers;
    }

    /** @return a prefix that makes this test's event ids unique on the shared broker */
    static String runId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String event(String id, String guest) {
        return "{\"id\":\"" + id + "\",\"kind\":\"DELEGATION_VISIT\",\"occurredAt\":\"2023-07-27\",\"source\":{\"name\":\"test\"},"
                + "\"host\":\"PRK\",\"guest\":\"" + guest + "\",\"occasion\":\"PRK_VICTORY_DAY\",\"delegation\":{\"head\":\"Li Hongzhong\"}}";
    }

    /** @return records of {@code topic} whose key starts with {@code prefix}, once {@code expected} of them are there */
    static List<ConsumerRecord<String, String>> keyed(String servers, String topic, String prefix, int expected) {
        return TestConsumers.readCommittedUntil(servers, topic,
                        records -> records.stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).count() >= expected,
                        Duration.ofSeconds(30))
                .stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
    }

    /** @return the keys with {@code prefix} on {@code topic} right now */
    static Set<String> keysNow(String servers, String topic, String prefix) {
        return TestConsumers.readCommittedToEnd(servers, topic, Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::key).filter(k -> k != null && k.startsWith(prefix))
                .collect(java.util.stream.Collectors.toSet());
    }
}
