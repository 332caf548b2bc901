package io.triadwatch.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates and checks Triadwatch's topics on any cluster: the embedded demo broker, a test broker
 * and a production cluster all go through this one class.
 * <p>
 * Creating is idempotent: a topic that exists is checked, not re-created. A check compares the
 * cleanup policy, that the partition count is at least the spec's and, for a compacted topic, that
 * {@code min.compaction.lag.ms} is at least {@link TopicSpec#MIN_COMPACTION_LAG}; it never alters a
 * topic (a problem says what to change).
 */
public final class TopicAdmin {
    private static final long TIMEOUT_SECONDS = 30;
    private final Admin admin;

    /** @param admin a connected admin client; the caller owns and closes it */
    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates the missing topics among {@code specs} and checks the existing ones.
     *
     * @param replicationFactor replicas for the topics created now
     * @return what was created and what is wrong with what existed
     */
    public TopicReport ensure(Collection<TopicSpec> specs, short replicationFactor) {
        Set<String> existing = listNames();
        List<NewTopic> toCreate = specs.stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()))
                .toList();
        List<String> created = new ArrayList<>();
        if (!toCreate.isEmpty()) {
            admin.createTopics(toCreate).values().forEach((name, future) -> {
                try {
                    future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new TopicAdminException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TopicAdminException("interrupted while creating topic " + name, e);
                } catch (TimeoutException e) {
                    throw new TopicAdminException("timed out creating topic " + name, e);
                }
            });
        }
        awaitVisible(toCreate.stream().map(NewTopic::name).toList());
        List<TopicSpec> checked = specs.stream().filter(spec -> existing.contains(spec.name())).toList();
        return new TopicReport(List.copyOf(created), checked.isEmpty() ? List.of() : problems(checked));
    }

    /** @return the problems of existing topics against {@code specs}; missing topics are problems too */
    public List<String> verify(Collection<TopicSpec> specs) {
        return problems(specs);
    }

    private List<String> problems(Collection<TopicSpec> specs) {
        Set<String> existing = listNames();
        List<String> problems = new ArrayList<>();
        List<TopicSpec> present = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (existing.contains(spec.name())) {
                present.add(spec);
            } else {
                problems.add(spec.name() + ": missing");
            }
        }
        if (present.isEmpty()) {
            return problems;
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(present.stream().map(TopicSpec::name).toList()).allTopicNames());
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(present.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList()).all());
        for (TopicSpec spec : present) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions < spec.partitions()) {
                problems.add(spec.name() + ": " + partitions + " partitions, expected at least " + spec.partitions());
            }
            var policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).get("cleanup.policy");
            String actual = policy == null ? "delete" : policy.value();
            if (!Set.of(actual.split(",")).contains(spec.cleanupPolicy())) {
                problems.add(spec.name() + ": cleanup.policy=" + actual + ", expected " + spec.cleanupPolicy());
            }
            var lag = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).get("min.compaction.lag.ms");
            long lagMs = lag == null || lag.value() == null ? 0 : Long.parseLong(lag.value());
            if (spec.compacted() && lagMs < TopicSpec.MIN_COMPACTION_LAG.toMillis()) {
                problems.add(spec.name() + ": min.compaction.lag.ms=" + lagMs + ", expected at least " + TopicSpec.MIN_COMPACTION_LAG.toMillis()
                        + " (a lagging consumer could miss states; kafka-configs --alter --add-config min.compaction.lag.ms="
                        + TopicSpec.MIN_COMPACTION_LAG.toMillis() + ")");
            }
        }
        return problems;
    }

    /**
     * Waits until {@code names} are listed: creation is acknowledged by the controller before every
     * broker's metadata has the topic, and a producer started in between would fail.
     */
    private void awaitVisible(List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!listNames().containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new TopicAdminException("created topics are still not visible after " + TIMEOUT_SECONDS + " s: " + names, null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicAdminException("interrupted while waiting for new topics", e);
            }
        }
    }

    private Set<String> listNames() {
        return await(admin.listTopics().names()).stream().collect(Collectors.toSet());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new TopicAdminException("topic administration failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException("interrupted during topic administration", e);
        } catch (TimeoutException e) {
            throw new TopicAdminException("timed out after " + TIMEOUT_SECONDS + " s talking to the cluster", e);
        }
    }

    /**
     * What {@link #ensure} did.
     *
     * @param created  topics created now
     * @param problems what is wrong with topics that already existed
     */
    public record TopicReport(List<String> created, List<String> problems) {
        /** @return true when every topic is as specified */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Topic administration could not be completed. */
    public static final class TopicAdminException extends KafkaException {
        private static final long serialVersionUID = 1L;

        TopicAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
