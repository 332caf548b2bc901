package io.triadwatch.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.topics.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class RoleAclsTest {

    @Test
    void shouldGiveEachStreamsRolePrefixedAclsOnItsApplicationIdForInternalTopicsGroupAndTransactions() {
        for (String applicationId : List.of(AnalyzerConfig.DEFAULT_APPLICATION_ID, AlerterConfig.DEFAULT_APPLICATION_ID)) {
            // Given the Streams role of that application id
            Role role = applicationId.equals(AnalyzerConfig.DEFAULT_APPLICATION_ID) ? Role.ANALYZER : Role.ALERTER;

            // When its bindings are made for a principal
            List<AclBinding> bindings = RoleAcls.bindings(role, "User:x");

            // Then its internal topics, group and transactional ids are its own by prefix, and nothing else is prefixed
            assertThat(bindings).filteredOn(b -> b.pattern().patternType() == PatternType.PREFIXED)
                    .allSatisfy(b -> assertThat(b.pattern().name()).isEqualTo(applicationId))
                    .extracting(b -> b.pattern().resourceType() + " " + b.entry().operation())
                    .contains("TOPIC CREATE", "TOPIC DELETE", "TOPIC DESCRIBE_CONFIGS", "GROUP READ", "TRANSACTIONAL_ID WRITE");
        }
    }

    @Test
    void shouldGrantNoRoleAnythingOnTheClusterOrAnyWildcard() {
        // Given every binding of every role
        List<AclBinding> bindings = RoleAcls.bindings(Role.ALL, "User:x");

        // Then none is cluster-wide, a wildcard, or ALL operations, and every literal topic is a registry topic
        assertThat(bindings).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER
                || b.pattern().name().equals(ResourcePattern.WILDCARD_RESOURCE) || b.entry().operation() == AclOperation.ALL);
        Set<String> registry = new HashSet<>();
        Topics.ALL.forEach(t -> registry.add(t.name()));
        assertThat(bindings).filteredOn(b -> b.pattern().patternType() == PatternType.LITERAL)
                .allSatisfy(b -> assertThat(registry).contains(b.pattern().name()));
    }

    @Test
    void shouldLetOnlyTheRolesThatProduceATopicWriteIt() {
        // Given the grants of the api and ingest roles
        // Then the API only reads alerts, and ingest never writes a state or alerts topic
        assertThat(RoleAcls.grants(Role.API)).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo(Topics.ALERTS.name());
            assertThat(g.operations()).containsExactly(AclOperation.READ);
        });
        assertThat(RoleAcls.grants(Role.INGEST)).filteredOn(g -> g.operations().contains(AclOperation.WRITE))
                .extracting(RoleAcls.Grant::name)
                .containsExactlyInAnyOrder(Topics.EVENTS.name(), Topics.DLQ.name(), Topics.FOLLOWER_CHECKPOINTS.name());
    }

    @Test
    void shouldRefuseAPrincipalWithoutTypeAndNameThePrincipalOfTheJaasLine() {
        assertThatThrownBy(() -> RoleAcls.bindings(Role.API, "triadwatch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TYPE:NAME");
        assertThat(AccessCheck.principal(Map.of("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tw-api\" password=\"p\";"))).isEqualTo("User:tw-api");
        assertThat(AccessCheck.principal(Map.of())).contains("PLAINTEXT");
    }
}
