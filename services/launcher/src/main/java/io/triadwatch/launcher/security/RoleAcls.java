package io.triadwatch.launcher.security;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.delivery.feed.AlertFeedSettings;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.topics.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs each role needs on a cluster with an authorizer: the one place they are written.
 * The launcher's {@code topics acls} command prints or applies them, the secured-cluster test runs
 * every role with exactly these, and {@code deploy/k8s/users.yaml} (Strimzi {@code KafkaUser}s) is
 * checked against them.
 * <p>
 * Least privilege: a role may read the topics it consumes and write those it produces, nothing
 * else. A Kafka Streams role also owns everything named after its {@code application.id}
 * (prefixed ACLs): its internal repartition and changelog topics (created, read, written, purged,
 * their configs checked), its consumer group, and its transactional ids (exactly-once v2 uses
 * {@code <application.id>-<process id>-<thread index>}). Idempotent producers need no cluster-level
 * {@code IDEMPOTENT_WRITE} on Kafka 3.0 or later brokers: {@code WRITE} on any topic suffices
 * (KIP-679). Describe is implied by read and write. Topic names and application ids come from the
 * roles' own configurations, so they cannot drift from what the roles use.
 * <p>
 * Reference data (officials, triads, rules) is published by an administrator, not by a role.
 */
public final class RoleAcls {
    private static final Set<AclOperation> STREAMS_INTERNAL_TOPICS = EnumSet.of(AclOperation.CREATE, AclOperation.READ,
            AclOperation.WRITE, AclOperation.DELETE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);

    private RoleAcls() {
    }

    /**
     * One permission a role needs.
     *
     * @param type       the resource type: topic, group or transactional id
     * @param name       the resource name, or its prefix
     * @param pattern    {@link PatternType#LITERAL} or {@link PatternType#PREFIXED}
     * @param operations the operations allowed, not empty
     * @param why        what the role does with it, for people
     */
    public record Grant(ResourceType type, String name, PatternType pattern, Set<AclOperation> operations, String why) {
        public Grant {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(why, "why");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a grant needs a resource name");
            }
            if (pattern != PatternType.LITERAL && pattern != PatternType.PREFIXED) {
                throw new IllegalArgumentException("a grant is LITERAL or PREFIXED, got " + pattern);
            }
            if (operations == null || operations.isEmpty()) {
                throw new IllegalArgumentException("a grant needs at least one operation");
            }
            operations = Set.copyOf(EnumSet.copyOf(operations));
        }

        /** @return the operations in the enum's order, for stable output */
        public List<AclOperation> orderedOperations() {
            return List.copyOf(EnumSet.copyOf(operations));
        }

        /** @return the resource pattern of this grant */
        public ResourcePattern resource() {
            return new ResourcePattern(type, name, pattern);
        }
    }

    /**
     * @param role a role; {@link Role#ALL} stands for every role
     * @return what the role needs, in a stable order, without repeats
     */
    public static List<Grant> grants(Role role) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (Role concrete : Role.expand(EnumSet.of(role))) {
            grants.addAll(switch (concrete) {
                case INGEST -> ingest();
                case ANALYZER -> analyzer();
                case ALERTER -> alerter();
                case API -> api();
                case ALL -> throw new IllegalStateException("ALL is expanded");
            });
        }
        return List.copyOf(grants);
    }

    /**
     * @param role      a role; {@link Role#ALL} stands for every role
     * @param principal the Kafka principal, e.g. {@code User:triadwatch-analyzer}
     * @return the ALLOW bindings for {@code principal} from any host
     */
    public static List<AclBinding> bindings(Role role, String principal) {
        if (principal == null || !principal.contains(":") || principal.endsWith(":")) {
            throw new IllegalArgumentException("a principal is TYPE:NAME, e.g. User:triadwatch-analyzer; got " + principal);
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (Grant grant : grants(role)) {
            for (AclOperation operation : grant.orderedOperations()) {
                bindings.add(new AclBinding(grant.resource(), new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return List.copyOf(bindings);
    }

    /**
     * @return a Markdown table of every role's grants (the one in {@code deploy/README.md})
     */
    public static String table() {
        StringBuilder out = new StringBuilder("| role | resource | name | pattern | operations | why |\n|---|---|---|---|---|---|\n");
        for (Role role : Role.expand(EnumSet.of(Role.ALL))) {
            for (Grant g : grants(role)) {
                out.append("| ").append(role.name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(g.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(" | `").append(g.name()).append('`')
                        .append(" | ").append(g.pattern().name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(String.join(", ", g.orderedOperations().stream().map(o -> o.name().replace('_', ' ')).toList()))
                        .append(" | ").append(g.why()).append(" |\n");
            }
        }
        return out.toString();
    }

    private static List<Grant> ingest() {
        return List.of(
                topic(Topics.EVENTS.name(), "publishes canonical events (idempotent producer)", AclOperation.WRITE),
                topic(Topics.DLQ.name(), "dead-letters rejected file and adapter input", AclOperation.WRITE),
                topic(Topics.FOLLOWER_CHECKPOINTS.name(), "follow-gdelt: reads and writes its last ingested batch", AclOperation.READ, AclOperation.WRITE));
    }

    private static List<Grant> analyzer() {
        AnalyzerConfig.TopicNames t = AnalyzerConfig.TopicNames.defaults();
        List<Grant> grants = new ArrayList<>(List.of(
                topic(t.events(), "consumes events", AclOperation.READ),
                topic(t.triads(), "global store of watched triads", AclOperation.READ),
                topic(t.officials(), "global store of officials", AclOperation.READ),
                topic(t.dyadState(), "publishes dyad state (in transactions)", AclOperation.WRITE),
                topic(t.triadState(), "publishes triad state (in transactions)", AclOperation.WRITE),
                topic(t.dlq(), "dead-letters bad event records", AclOperation.WRITE)));
        grants.addAll(streamsApplication(AnalyzerConfig.DEFAULT_APPLICATION_ID));
        return grants;
    }

    private static List<Grant> alerter() {
        AlerterConfig.TopicNames t = AlerterConfig.TopicNames.defaults();
        List<Grant> grants = new ArrayList<>(List.of(
                topic(t.dyadState(), "consumes dyad state", AclOperation.READ),
                topic(t.triadState(), "consumes triad state", AclOperation.READ),
                topic(t.rules(), "global store of alert rules", AclOperation.READ),
                topic(t.alerts(), "publishes alerts (in transactions)", AclOperation.WRITE)));
        grants.addAll(streamsApplication(AlerterConfig.DEFAULT_APPLICATION_ID));
        return grants;
    }

    private static List<Grant> api() {
        return List.of(topic(AlertFeedSettings.defaults("unused:9092").topic(),
                "alert feed: reads every partition (assign mode, read_committed, no group)", AclOperation.READ));
    }

    /** What a Kafka Streams application owns: everything named after its application.id. */
    private static List<Grant> streamsApplication(String applicationId) {
        return List.of(
                new Grant(ResourceType.TOPIC, applicationId, PatternType.PREFIXED, STREAMS_INTERNAL_TOPICS,
                        "its repartition and changelog topics: created, read, written, purged, configs checked"),
                new Grant(ResourceType.GROUP, applicationId, PatternType.PREFIXED, EnumSet.of(AclOperation.READ),
                        "its consumer group (the application.id)"),
                new Grant(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, EnumSet.of(AclOperation.WRITE),
                        "exactly-once v2 transactional ids `<application.id>-<process id>-<n>`"));
    }

    private static Grant topic(String name, String why, AclOperation first, AclOperation... more) {
        return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, EnumSet.of(first, more), why);
    }
}
