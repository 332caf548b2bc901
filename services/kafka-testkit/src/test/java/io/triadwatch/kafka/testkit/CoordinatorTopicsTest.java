package io.triadwatch.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class CoordinatorTopicsTest {

    @Test
    void shouldCreateTheCoordinatorTopicsBeforeAnyClientAsksForThem() throws Exception {
        // Given a fresh cluster, which has no internal topics yet
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build().start();
             Admin admin = Admin.create(kafka.clientProperties())) {
            assertThat(internalTopics(admin)).doesNotContain("__transaction_state", "__consumer_offsets");

            // When it is asked to create its coordinator topics
            kafka.createCoordinatorTopics().get(60, TimeUnit.SECONDS);

            // Then both exist, and their coordinators answered (the future completed)
            assertThat(internalTopics(admin)).contains("__transaction_state", "__consumer_offsets");
        }
    }

    private static Set<String> internalTopics(final Admin admin) throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
    }
}
