package io.triadwatch.launcher.reliability;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.ingest.reference.ReferencePublisher;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.embedded.Topology;
import io.triadwatch.kafka.testkit.TestTopics;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.topics.TopicSpec;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The cluster the reliability tests run on: one controller and three brokers in this JVM, every
 * topic (Triadwatch's and Kafka Streams' internal ones) with three replicas and
 * {@code min.insync.replicas=2}, so one broker may be down and {@code acks=all} writes go on, and
 * the reference data {@code demo} publishes. The test owns the cluster (it may bounce its brokers)
 * and closes it.
 */
final class ReliabilityCluster {
    /**
     * Kept on the state topics so that compaction removes no record during a test: the checks read
     * every state record the analyzer wrote (one per applied event).
     */
    private static final String KEEP_ALL_MS = Long.toString(24 * 3600 * 1000L);

    private ReliabilityCluster() {
    }

    /** @return a started 1 + 3 cluster with every topic and the reference data; the caller closes it */
    static EmbeddedKafkaCluster start() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                .topology(Topology.controllerPlusBrokers(3))
                .brokerProperty("min.insync.replicas", 2)
                // four KRaft nodes starting on two shared cores may take longer than the default minute
                .startupTimeout(Duration.ofMinutes(3))
                .build()
                .start();
        try {
            createTopics(cluster.bootstrapServers());
            publishReference(Map.of("bootstrap.servers", cluster.bootstrapServers()));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Creates every Triadwatch topic with its registry partitions, replication factor 3 and, on the
     * compacted state topics, no compaction for a day.
     */
    private static void createTopics(String bootstrap) {
        TestTopics.create(bootstrap, Topics.ALL.stream().map(ReliabilityCluster::topic).toList());
    }

    private static NewTopic topic(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        if (spec.equals(Topics.DYAD_STATE) || spec.equals(Topics.TRIAD_STATE)) {
            configs.put("min.compaction.lag.ms", KEEP_ALL_MS);
        }
        return new NewTopic(spec.name(), spec.partitions(), (short) 3).configs(configs);
    }

    /** Publishes the demo's officials and watched triads and the default alert rules, as {@code demo} does. */
    static void publishReference(Map<String, Object> kafka) {
        try (ReferencePublisher reference = new ReferencePublisher(kafka)) {
            reference.officials(DemoData.lines(DemoData.OFFICIALS), DemoData.OFFICIALS);
            reference.triads(DemoData.lines(DemoData.TRIADS), DemoData.TRIADS);
            reference.rules(List.copyOf(DefaultRules.json().values()), "default rules");
        }
    }
}
