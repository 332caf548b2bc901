package io.triadwatch.kafka.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;

/**
 * Topic helpers for tests on a shared broker: unique names and creation that waits for leaders.
 */
public final class TestTopics {

    /** How long {@link #create} waits for the new topics to have a leader on every partition. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicLong COUNTER = new AtomicLong();

    private TestTopics() {
    }

    /**
     * Returns a topic name that no other call in this JVM (nor, very likely, any earlier run against
     * the same broker) returns: {@code base}, then a sequence number and a random suffix.
     * Characters Kafka does not allow in topic names are replaced by {@code _}.
     *
     * @param base a readable prefix, such as {@code "triadwatch.events.v1"} or the test's name
     * @return a unique, valid topic name
     */
    public static String unique(final String base) {
        final String prefix = base.replaceAll("[^a-zA-Z0-9._-]", "_");
        final String suffix = "-" + COUNTER.incrementAndGet() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        final int room = 249 - suffix.length();
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + suffix;
    }

    /**
     * Creates topics with one partition and replication factor 1, and waits until they have leaders.
     *
     * @param bootstrapServers the broker to create them on
     * @param names            the topic names
     */
    public static void create(final String bootstrapServers, final String... names) {
        create(bootstrapServers, Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList());
    }

    /**
     * Creates the given topics, with their partitions, replication and configs, and waits until every
     * partition has a leader.
     *
     * @param bootstrapServers the broker to create them on
     * @param topics           the topics to create
     * @throws IllegalStateException if a topic could not be created, for example because it exists
     */
    public static void create(final String bootstrapServers, final Collection<NewTopic> topics) {
        final List<String> names = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(topics).all().get();
            Awaitility.await("leaders for " + names)
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .until(() -> allHaveLeaders(admin, names));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + names, e);
        }
    }

    /**
     * Returns a compacted topic definition ({@code cleanup.policy=compact}) with one partition, as
     * the contract's officials, triads and rules topics are.
     *
     * @param name              the topic name
     * @param replicationFactor the replication factor
     * @return the topic definition, to pass to {@link #create(String, Collection)}
     */
    public static NewTopic compacted(final String name, final short replicationFactor) {
        return new NewTopic(name, 1, replicationFactor).configs(Map.of("cleanup.policy", "compact"));
    }

    private static boolean allHaveLeaders(final Admin admin, final List<String> names) throws Exception {
        final Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        return descriptions.values().stream()
                .flatMap(d -> d.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }

    static Admin admin(final String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "triadwatch-testkit-admin"));
    }
}
