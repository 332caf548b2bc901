package io.triadwatch.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.kafka.embedded.EmbeddedKafkaCluster;
import io.triadwatch.kafka.embedded.SaslSsl;
import io.triadwatch.launcher.Main;
import io.triadwatch.launcher.app.AppConfig;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.app.TriadwatchApp;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.topics.TopicAdmin;
import io.triadwatch.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every role on its own SCRAM user with exactly the ACLs of {@link RoleAcls}, on an in-JVM broker
 * whose only client listener is SASL_SSL (SCRAM-SHA-512) and whose StandardAuthorizer denies what no
 * ACL allows: events still become alerts; a principal without ACLs is refused in one line that names
 * the permission it lacks.
 */
@Tag("integration")
class SecuredClusterIntegrationTest {
    private static final SaslSsl ADMIN = new SaslSsl("admin", "admin-secret");
    private static EmbeddedKafkaCluster kafka;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSecuredClusterWithTheTopics() throws Exception {
        kafka = EmbeddedKafkaCluster.builder().saslSsl(ADMIN).build().start();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            new TopicAdmin(admin).ensure(Topics.ALL, (short) 1);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** @return the client properties of a new SCRAM user that holds {@code acls} */
    private static Map<String, Object> user(String name, List<AclBinding> acls) throws Exception {
        kafka.createScramUser(name, name + "-secret");
        if (!acls.isEmpty()) {
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
                // Committed by the controller first: wait until the broker's authorizer has them too.
                AclBindingFilter mine = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:" + name,
                        null, AclOperation.ANY, AclPermissionType.ANY));
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> admin.describeAcls(mine).values().get(10, TimeUnit.SECONDS).size() == acls.size());
            }
        }
        return kafka.clientProperties(name, name + "-secret");
    }

    /**
     * The deploy/k8s way (client-config.yaml): the JAAS line is not in the properties but read from
     * the mounted KafkaUser Secret's file by Kafka's DirectoryConfigProvider.
     */
    private static Map<String, Object> jaasFromDirectory(Map<String, Object> props, Path secret) throws Exception {
        Files.createDirectories(secret);
        Files.writeString(secret.resolve("sasl.jaas.config"), (String) props.get("sasl.jaas.config"));
        Map<String, Object> viaFile = new HashMap<>(props);
        viaFile.put("config.providers", "dir");
        viaFile.put("config.providers.dir.class", DirectoryConfigProvider.class.getName());
        viaFile.put("sasl.jaas.config", "${dir:" + secret + ":sasl.jaas.config}");
        return viaFile;
    }

    @Test
    void shouldCarryEventsToAlertsWithEveryRoleOnItsOwnLeastPrivilegeUser(@TempDir Path dir) throws Exception {
        // Given one process per role, each as its own user with only its role's ACLs, each passing the access check
        // (the API's login read from a file, as the pods of deploy/k8s read it)
        List<TriadwatchApp> apps = new ArrayList<>();
        try {
            for (Role role : List.of(Role.API, Role.ALERTER, Role.ANALYZER, Role.INGEST)) {
                String name = "tw-" + role.name().toLowerCase(java.util.Locale.ROOT);
                Map<String, Object> props = user(name, RoleAcls.bindings(role, "User:" + name));
                if (role == Role.API) {
                    props = jaasFromDirectory(props, dir.resolve("kafka-user-" + name));
                }
                AccessCheck.require(props, Set.of(role), Duration.ofSeconds(10));
                apps.add(TriadwatchApp.start(new AppConfig(EnumSet.of(role), props, "127.0.0.1", 0, "tok", dir.resolve(name),
                        "http://localhost", null, null)));
            }
            TriadwatchApp api = apps.get(0);
            TriadwatchApp ingest = apps.get(3);
            for (TriadwatchApp app : apps) {
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> status(app.httpPort(), "/ready") == 200);
            }

            // When the administrator publishes the reference data and the ingest user the demo timeline
            IngestSummary summary = DemoData.publish(kafka.clientProperties(), ingest.publisher(),
                    List.copyOf(DefaultRules.json().values()), () -> { }, line -> { });

            // Then the events were accepted, and the API user's feed serves the alerts the alerter user wrote
            assertThat(summary.published()).isPositive();
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> body(api.httpPort(), "/api/alerts?limit=500").contains("\"fingerprint\""));
            assertThat(apps).allSatisfy(app -> assertThat(app.streamsFailure()).isNull());
        } finally {
            apps.forEach(TriadwatchApp::close);
        }
    }

    @Test
    void shouldRefuseAPrincipalWithoutAclsInOneLineNamingThePermission(@TempDir Path dir) throws Exception {
        // Given a user without any ACL, and its client properties as a --kafka-config file
        Map<String, Object> nobody = user("nobody", List.of());
        Properties file = new Properties();
        nobody.forEach((k, v) -> file.setProperty(k, String.valueOf(v)));
        Path config = dir.resolve("nobody.properties");
        try (var out = Files.newBufferedWriter(config)) {
            file.store(out, null);
        }
        Path events = Files.writeString(dir.resolve("f.jsonl"), "{\"id\":\"x\",\"kind\":\"TREATY\",\"occurredAt\":\"2024-06-19\","
                + "\"source\":{\"name\":\"t\"},\"parties\":[\"PRK\",\"RUS\"],\"treatyType\":\"MUTUAL_DEFENSE\"}\n");

        // When it runs the produce command, and when it would start the analyzer
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("produce", "--bootstrap-servers", (String) nobody.get("bootstrap.servers"),
                "--kafka-config", config.toString(), events.toString());

        // Then both are refused with one line naming the principal, the operation and the resource
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("error: User:nobody may not WRITE topic " + Topics.EVENTS.name())
                .contains("topics acls --role ingest --principal User:nobody");
        assertThatThrownBy(() -> AccessCheck.require(nobody, Set.of(Role.ANALYZER), Duration.ofSeconds(10)))
                .isInstanceOf(AccessCheck.AccessDeniedException.class)
                .hasMessageStartingWith("User:nobody may not READ topic " + Topics.EVENTS.name());
    }

    @Test
    void shouldNameTheMissingGroupOrTransactionalIdPermissionOfAStreamsRole() throws Exception {
        // Given two analyzer users, one without the group ACL and one without the transactional-id ACL
        List<AclBinding> all = RoleAcls.bindings(Role.ANALYZER, "User:no-group");
        Map<String, Object> noGroup = user("no-group", all.stream().filter(b -> b.pattern().resourceType() != ResourceType.GROUP).toList());
        Map<String, Object> noTransactions = user("no-transactions", RoleAcls.bindings(Role.ANALYZER, "User:no-transactions").stream()
                .filter(b -> b.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID).toList());

        // When each is checked for the analyzer role, then each is told what it lacks
        assertThatThrownBy(() -> AccessCheck.require(noGroup, Set.of(Role.ANALYZER), Duration.ofSeconds(10)))
                .hasMessageStartingWith("User:no-group may not READ groups starting with triadwatch-analyzer");
        assertThatThrownBy(() -> AccessCheck.require(noTransactions, Set.of(Role.ANALYZER), Duration.ofSeconds(10)))
                .hasMessageStartingWith("User:no-transactions may not WRITE transactional ids starting with triadwatch-analyzer");
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String body(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
