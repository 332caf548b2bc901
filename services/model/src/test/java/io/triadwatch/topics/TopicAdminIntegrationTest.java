package io.triadwatch.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.kafka.testkit.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TopicAdminIntegrationTest {
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    private static TopicSpec spec(boolean compacted) {
        return new TopicSpec("test.topic-admin." + UUID.randomUUID(), 2, compacted, "k", "v");
    }

    @Test
    void shouldCreateMissingTopicsWithTheirCleanupPolicyAndBeIdempotent() {
        // Given two specs, one compacted
        List<TopicSpec> specs = List.of(spec(true), spec(false));
        TopicAdmin topics = new TopicAdmin(admin);

        // When they are ensured twice
        TopicAdmin.TopicReport first = topics.ensure(specs, (short) 1);
        TopicAdmin.TopicReport second = topics.ensure(specs, (short) 1);

        // Then the first call creates both, the second creates nothing, and a check finds no problem
        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(specs.stream().map(TopicSpec::name).toList());
        assertThat(second.created()).isEmpty();
        assertThat(second.ok()).isTrue();
        assertThat(topics.verify(specs)).isEmpty();
    }

    @Test
    void shouldCreateACompactedTopicThatKeepsEveryRecordForTheMinimumCompactionLag() throws Exception {
        // Given a compacted spec
        TopicSpec spec = spec(true);

        // When it is ensured
        new TopicAdmin(admin).ensure(List.of(spec), (short) 1);

        // Then the log cleaner may not drop a state before a lagging consumer (the alerter) has read it
        var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, spec.name());
        String lag = admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.compaction.lag.ms").value();
        assertThat(Long.parseLong(lag)).isEqualTo(TopicSpec.MIN_COMPACTION_LAG.toMillis());
    }

    @Test
    void shouldReportAnExistingTopicWithTheWrongPolicyOrTooFewPartitions() throws Exception {
        // Given a topic created by someone else with 1 partition and the default delete policy
        TopicSpec expected = spec(true);
        admin.createTopics(List.of(new NewTopic(expected.name(), 1, (short) 1))).all().get();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().contains(expected.name()));

        // When it is checked against a compacted 2-partition spec
        List<String> problems = new TopicAdmin(admin).verify(List.of(expected));

        // Then both problems are named and nothing was altered
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("cleanup.policy=delete, expected compact"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("1 partitions, expected at least 2"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("min.compaction.lag.ms=0, expected at least 604800000"));
    }

    @Test
    void shouldReportAMissingTopic() {
        assertThat(new TopicAdmin(admin).verify(List.of(spec(false)))).singleElement().asString().endsWith(": missing");
    }

    @Test
    void shouldRegisterEveryDesignTopicWithItsCompaction() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "triadwatch.events.v1", "triadwatch.events.dlq.v1", "triadwatch.officials.v1", "triadwatch.triads.v1",
                "triadwatch.rules.v1", "triadwatch.dyad-state.v1", "triadwatch.triad-state.v1", "triadwatch.alerts.v1",
                "triadwatch.follower-checkpoints.v1");
        assertThat(Topics.ALL.stream().filter(TopicSpec::compacted).map(TopicSpec::name)).containsExactlyInAnyOrder(
                "triadwatch.officials.v1", "triadwatch.triads.v1", "triadwatch.rules.v1", "triadwatch.dyad-state.v1", "triadwatch.triad-state.v1",
                "triadwatch.follower-checkpoints.v1");
    }
}
