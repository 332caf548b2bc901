package io.triadwatch.launcher.security;

import io.triadwatch.launcher.app.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Checks, before a role starts, that the cluster lets this client do what {@link RoleAcls} says the
 * role needs, so that a missing ACL is one line naming the principal and the permission instead of
 * a Kafka Streams thread dying with a {@code TopicAuthorizationException}, a
 * {@code GroupAuthorizationException} or a {@code TransactionalIdAuthorizationException}.
 * <p>
 * The probes change nothing: topics are described with their authorized operations; a role's
 * prefixed topics are checked with a validate-only creation of {@code <application.id>-acl-check};
 * its group is described with its authorized operations; its transactional ids by describing
 * {@code <application.id>-acl-check}, which needs DESCRIBE, implied by the WRITE a role is granted.
 * Only an authorization failure fails the check: a missing topic or an answer a probe cannot read
 * is left to the role itself. On a cluster without an authorizer every operation is authorized, so
 * the check passes.
 */
public final class AccessCheck {
    /** The name a probe uses under a prefixed grant: it never exists. */
    static final String PROBE_SUFFIX = "-acl-check";
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private AccessCheck() {
    }

    /**
     * @param kafka   the client properties the roles will run with
     * @param roles   the roles to check ({@link Role#ALL} stands for every role)
     * @param timeout how long each probe may take
     * @throws AccessDeniedException       at the first permission a role needs and the cluster refuses
     * @throws InterruptedException        when interrupted while waiting for the cluster
     */
    public static void require(Map<String, Object> kafka, Set<Role> roles, Duration timeout) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "triadwatch-access-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        String principal = principal(kafka);
        Admin admin = Admin.create(props);
        try {
            for (Role role : Role.expand(EnumSet.copyOf(roles))) {
                for (RoleAcls.Grant grant : RoleAcls.grants(role)) {
                    Optional<String> refused = refused(admin, grant, millis);
                    if (refused.isPresent()) {
                        String name = role.name().toLowerCase(Locale.ROOT);
                        throw new AccessDeniedException(principal + " may not " + refused.get() + ", which role " + name
                                + " needs (" + grant.why() + "); an administrator grants the role's ACLs with `triadwatch topics acls --role "
                                + name + " --principal " + principal + " --apply` (see deploy/README.md)");
                    }
                }
            }
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /**
     * @return the principal the client authenticates as, as far as its properties tell: {@code User:<name>}
     *         of a SASL PLAIN or SCRAM login, else a description
     */
    static String principal(Map<String, Object> kafka) {
        Object jaas = kafka.get("sasl.jaas.config");
        if (jaas != null) {
            Matcher user = JAAS_USER.matcher(jaas.toString());
            if (user.find()) {
                return "User:" + user.group(1);
            }
        }
        return "this client's principal (security.protocol " + kafka.getOrDefault("security.protocol", "PLAINTEXT") + ")";
    }

    private static Optional<String> refused(Admin admin, RoleAcls.Grant grant, int millis) throws InterruptedException {
        String operations = grant.orderedOperations().stream().map(AclOperation::name).collect(Collectors.joining("/"));
        try {
            if (grant.type() == ResourceType.TOPIC && grant.pattern() == PatternType.LITERAL) {
                TopicDescription topic = admin.describeTopics(List.of(grant.name()), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                        .allTopicNames().get(millis, TimeUnit.MILLISECONDS).get(grant.name());
                return lacking(topic.authorizedOperations(), grant).map(ops -> ops + " topic " + grant.name());
            }
            if (grant.type() == ResourceType.TOPIC) {
                admin.createTopics(List.of(new NewTopic(grant.name() + PROBE_SUFFIX, Optional.empty(), Optional.empty())),
                        new CreateTopicsOptions().validateOnly(true)).all().get(millis, TimeUnit.MILLISECONDS);
                return Optional.empty();
            }
            if (grant.type() == ResourceType.GROUP) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(grant.name()),
                        new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).all()
                        .get(millis, TimeUnit.MILLISECONDS).get(grant.name());
                return lacking(group.authorizedOperations(), grant).map(ops -> ops + " group " + grant.name());
            }
            if (grant.type() == ResourceType.TRANSACTIONAL_ID) {
                admin.describeTransactions(List.of(grant.name() + PROBE_SUFFIX)).all().get(millis, TimeUnit.MILLISECONDS);
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                String pattern = grant.pattern() == PatternType.PREFIXED ? "s starting with " : " ";
                return Optional.of(operations + " " + kind(grant.type()) + pattern + grant.name());
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> lacking(Set<AclOperation> authorized, RoleAcls.Grant grant) {
        if (authorized == null || authorized.containsAll(grant.operations())) {
            return Optional.empty();
        }
        return Optional.of(grant.orderedOperations().stream().filter(o -> !authorized.contains(o)).map(AclOperation::name)
                .collect(Collectors.joining("/")));
    }

    private static String kind(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional id";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The cluster refuses a permission a role needs; the message is one line for the user. */
    public static final class AccessDeniedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AccessDeniedException(String message) {
            super(message);
        }
    }
}
