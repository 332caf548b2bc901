package io.triadwatch.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.security.RoleAcls;
import io.triadwatch.topics.TopicSpec;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The deploy files that cannot run here (no Docker, no cluster) are checked by reading them: they
 * are well-formed, they declare every topic of {@link Topics#ALL} as specified, and every role runs
 * with the probes, token and metrics port it needs.
 */
class DeployFilesTest {
    private static final Set<Role> CONCRETE_ROLES = EnumSet.of(Role.INGEST, Role.ANALYZER, Role.ALERTER, Role.API);

    @Test
    void shouldHaveOnlyWellFormedYamlAndJson() {
        List<Path> yaml = DeployFiles.all(".yaml", ".yml");
        List<Path> json = DeployFiles.all(".json");

        assertThat(yaml).as("YAML files under deploy/").hasSizeGreaterThanOrEqualTo(10);
        assertThat(json).as("JSON files under deploy/").isNotEmpty();
        yaml.forEach(f -> assertThat(DeployFiles.yamlDocuments(f)).as("%s has a document", f).isNotEmpty());
        json.forEach(f -> assertThat(DeployFiles.json(f).isObject()).as("%s is a JSON object", f).isTrue());
    }

    @Test
    void shouldDeclareEveryTopicAsAKafkaTopicWithItsPartitionsThreeReplicasAndCleanupPolicy() {
        // Given the KafkaTopic resources and the Strimzi cluster they belong to
        Map<String, JsonNode> declared = new TreeMap<>();
        for (JsonNode topic : DeployFiles.kubernetes("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
            assertThat(declared.put(name, topic)).as("%s is declared once", name).isNull();
        }
        String cluster = single(DeployFiles.kubernetes("Kafka")).path("metadata").path("name").asText();

        // Then they are exactly the registry's topics, each as specified
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : Topics.ALL) {
            JsonNode topic = declared.get(spec.name());
            JsonNode topicSpec = topic.path("spec");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as("%s cluster label", spec.name()).isEqualTo(cluster);
            assertThat(topicSpec.path("partitions").asInt()).as("%s partitions", spec.name()).isEqualTo(spec.partitions());
            assertThat(topicSpec.path("replicas").asInt()).as("%s replicas", spec.name()).isEqualTo(3);
            assertThat(topicSpec.path("config").path("cleanup.policy").asText()).as("%s cleanup.policy", spec.name()).isEqualTo(spec.cleanupPolicy());
            assertThat(topicSpec.path("config").path("min.insync.replicas").asInt()).as("%s min.insync.replicas", spec.name()).isEqualTo(2);
            assertThat(topicSpec.path("config").path("min.compaction.lag.ms").asText()).as("%s min.compaction.lag.ms", spec.name())
                    .isEqualTo(spec.compacted() ? Long.toString(TopicSpec.MIN_COMPACTION_LAG.toMillis()) : "");
        }
    }

    @Test
    void shouldRunKafkaInKraftModeWithNodePools() {
        JsonNode kafka = single(DeployFiles.kubernetes("Kafka"));
        List<JsonNode> pools = DeployFiles.kubernetes("KafkaNodePool");

        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).as("no ZooKeeper").isFalse();
        assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(pools).allSatisfy(pool -> assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .isEqualTo(kafka.path("metadata").path("name").asText()));
        Set<String> roles = pools.stream().flatMap(p -> texts(p.path("spec").path("roles")).stream()).collect(Collectors.toSet());
        assertThat(roles).contains("controller", "broker");
        assertThat(pools.stream().filter(p -> texts(p.path("spec").path("roles")).contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum()).as("brokers for replication 3").isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldGiveEveryWorkloadReadinessLivenessAMetricsPortAndTheTokenSecret() {
        List<JsonNode> deployments = workloads();
        Set<Role> roles = EnumSet.noneOf(Role.class);

        assertThat(deployments).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = single(pod.path("spec").path("containers"));
            Set<Integer> ports = new HashSet<>();
            container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
            Set<String> portNames = new HashSet<>(texts(container.path("ports"), "name"));

            // readiness is /ready on the HTTP port
            JsonNode readiness = container.path("readinessProbe").path("httpGet");
            assertThat(readiness.path("path").asText()).as("%s readiness path", name).isEqualTo("/ready");
            assertThat(portOf(readiness.path("port"), container)).as("%s readiness port", name).isIn(ports);
            // liveness exists and is cheap: never /health or /ready, which are DOWN while Kafka is away
            JsonNode liveness = container.path("livenessProbe");
            assertThat(liveness.has("httpGet") || liveness.has("tcpSocket")).as("%s has a liveness probe", name).isTrue();
            assertThat(liveness.path("httpGet").path("path").asText()).as("%s liveness path", name).isNotIn("/health", "/ready");
            assertThat(portOf(liveness.has("httpGet") ? liveness.path("httpGet").path("port") : liveness.path("tcpSocket").path("port"), container))
                    .as("%s liveness port", name).isIn(ports);
            // the metrics port is declared and annotated
            JsonNode annotations = pod.path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).as("%s scrape annotation", name).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).as("%s metrics path", name).isEqualTo("/metrics");
            assertThat(Integer.parseInt(annotations.path("prometheus.io/port").asText("0"))).as("%s metrics port", name).isIn(ports);
            assertThat(portNames).as("%s named port for PodMonitor", name).contains("http");
            // the token comes from a Secret
            JsonNode token = env(container, "TRIADWATCH_API_TOKEN");
            assertThat(token.path("valueFrom").path("secretKeyRef").path("name").asText()).as("%s token secret", name).isNotBlank();
            assertThat(token.has("value")).as("%s token is not inline", name).isFalse();
            roles.addAll(roles(texts(container.path("args"))));
        }
        assertThat(roles).as("roles run by the Deployments and StatefulSets").isEqualTo(CONCRETE_ROLES);
    }

    @Test
    void shouldExposeTheApiAndTheAnalyzerQueriesThroughServices() {
        List<JsonNode> services = DeployFiles.kubernetes("Service");
        Set<Role> exposed = EnumSet.noneOf(Role.class);

        for (JsonNode service : services) {
            Map<String, String> selector = strings(service.path("spec").path("selector"));
            JsonNode deployment = single(workloads().stream()
                    .filter(d -> strings(d.path("spec").path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet()))
                    .toList());
            JsonNode container = single(deployment.path("spec").path("template").path("spec").path("containers"));
            assertThat(portOf(single(service.path("spec").path("ports")).path("targetPort"), container))
                    .as("%s target port", service.path("metadata").path("name").asText())
                    .isIn(texts(container.path("ports"), "containerPort").stream().map(Integer::valueOf).toList());
            exposed.addAll(roles(texts(container.path("args"))));
        }
        assertThat(exposed).as("roles behind a Service").contains(Role.API, Role.INGEST, Role.ANALYZER);
    }

    @Test
    void shouldListEveryManifestInTheKustomization() throws IOException {
        Path k8s = DeployFiles.file("k8s");
        JsonNode kustomization = DeployFiles.yaml(k8s.resolve("kustomization.yaml"));
        List<String> resources = texts(kustomization.path("resources"));
        List<String> manifests;
        try (var files = Files.list(k8s)) {
            manifests = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
        }

        assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        assertThat(kustomization.path("namespace").asText()).isNotBlank();
    }

    @Test
    void shouldRunKafkaTopicsAndEveryRoleInCompose() {
        // Given the compose file
        JsonNode services = DeployFiles.yaml(DeployFiles.file("compose/compose.yaml")).path("services");
        JsonNode kafka = services.path("kafka");
        JsonNode kafkaEnv = kafka.path("environment");

        // Kafka: apache/kafka in KRaft with a listener for the host and one for the containers
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafkaEnv.path("KAFKA_PROCESS_ROLES").asText()).contains("broker", "controller");
        List<String> advertised = List.of(kafkaEnv.path("KAFKA_ADVERTISED_LISTENERS").asText().split(","));
        assertThat(advertised).anySatisfy(l -> assertThat(l).endsWith("//localhost:9092"));
        String internal = advertised.stream().filter(l -> l.contains("//kafka:")).map(l -> l.substring(l.indexOf("//") + 2)).findFirst()
                .orElseThrow(() -> new AssertionError("no listener advertised to the other containers: " + advertised));
        assertThat(texts(kafka.path("ports"))).anySatisfy(p -> assertThat(p).endsWith(":9092"));

        // topics: the one-shot `triadwatch topics create` (it creates every topic of Topics.ALL as specified)
        JsonNode topics = services.path("topics");
        assertThat(texts(topics.path("command"))).startsWith("topics", "create").containsSequence("--bootstrap-servers", internal);
        assertThat(topics.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(topics.path("build").path("dockerfile").asText()).isEqualTo("deploy/compose/Dockerfile");

        // roles: every role runs, after the topics exist, with the token from the environment and a /ready healthcheck
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> roleServices = new ArrayList<>();
        services.properties().forEach(e -> {
            List<String> command = texts(e.getValue().path("command"));
            if (!command.isEmpty() && command.get(0).equals("run")) {
                roleServices.add(e.getKey());
                JsonNode role = e.getValue();
                assertThat(command).as(e.getKey()).containsSequence("--bootstrap-servers", internal);
                roles.addAll(roles(command));
                assertThat(role.path("environment").path("TRIADWATCH_API_TOKEN").asText()).as(e.getKey()).startsWith("${TRIADWATCH_API_TOKEN");
                assertThat(String.join(" ", texts(role.path("healthcheck").path("test")))).as(e.getKey()).contains("/ready");
                assertThat(role.path("depends_on").path("topics").path("condition").asText()).as(e.getKey()).isEqualTo("service_completed_successfully");
                assertThat(role.path("build").path("dockerfile").asText()).as(e.getKey()).isEqualTo("deploy/compose/Dockerfile");
            }
        });
        assertThat(roles).as("roles run by compose (%s)", roleServices).isEqualTo(CONCRETE_ROLES);
        assertThat(services.path("prometheus").path("volumes").toString()).contains("../prometheus:/etc/prometheus");
    }

    @Test
    void shouldBuildTheImageFromTheShadedJarOnJava17() throws IOException {
        List<String> dockerfile = Files.readAllLines(DeployFiles.file("compose/Dockerfile"));

        assertThat(dockerfile).anySatisfy(l -> assertThat(l).isEqualTo("FROM eclipse-temurin:17-jre"));
        assertThat(dockerfile).anySatisfy(l -> assertThat(l).startsWith("COPY services/launcher/target/triadwatch.jar "));
        assertThat(dockerfile).anySatisfy(l -> assertThat(l).startsWith("ENTRYPOINT [\"java\"").contains("triadwatch.jar"));
    }

    @Test
    void shouldScrapeEveryComposeRoleAndLoadTheRules() {
        JsonNode prometheus = DeployFiles.yaml(DeployFiles.file("prometheus/prometheus.yml"));
        JsonNode services = DeployFiles.yaml(DeployFiles.file("compose/compose.yaml")).path("services");
        Set<String> targets = new HashSet<>();
        prometheus.path("scrape_configs").forEach(job -> {
            assertThat(job.path("job_name").asText()).startsWith("triadwatch");
            job.path("static_configs").forEach(c -> targets.addAll(texts(c.path("targets"))));
        });
        Set<String> roleServices = new HashSet<>();
        services.properties().forEach(e -> {
            if (texts(e.getValue().path("command")).stream().findFirst().orElse("").equals("run")) {
                roleServices.add(e.getKey() + ":8080");
            }
        });

        assertThat(targets).isEqualTo(roleServices);
        assertThat(texts(prometheus.path("rule_files"))).containsExactly("triadwatch-rules.yml");
        assertThat(DeployFiles.file("prometheus/triadwatch-rules.yml")).isRegularFile();
    }

    @Test
    void shouldBuildTheDashboardOnPrometheusQueries() {
        JsonNode dashboard = DeployFiles.json(DeployFiles.file("grafana/triadwatch-dashboard.json"));

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(DeployFiles.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(12).allSatisfy(e -> assertThat(e).isNotBlank());
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            titles.add(p.path("title").asText());
            if (!"row".equals(p.path("type").asText())) {
                assertThat(p.path("datasource").path("uid").asText()).as("datasource of %s", p.path("title")).isEqualTo("${datasource}");
            }
        });
        assertThat(String.join("|", titles).toLowerCase(Locale.ROOT))
                .contains("accepted", "rejected", "dead letters", "streams state", "lag", "event → state", "event → alert",
                        "fired", "sse", "heap", "http latency");
    }

    @Test
    void shouldGiveEveryWorkloadItsOwnKafkaUserWithExactlyTheAclsOfItsRoles() {
        // Given the workloads and the Strimzi users
        Map<String, JsonNode> users = new TreeMap<>();
        DeployFiles.kubernetes("KafkaUser").forEach(u -> users.put(u.path("metadata").path("name").asText(), u));
        Set<String> usedUsers = new HashSet<>();

        for (JsonNode workload : workloads()) {
            String name = workload.path("metadata").path("name").asText();
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode container = single(pod.path("containers"));
            List<String> args = texts(container.path("args"));
            // Then the workload authenticates with the shared client settings as the user whose Secret it mounts
            assertThat(args).as("%s --kafka-config", name).contains("--kafka-config=/etc/triadwatch/kafka/client.properties");
            String user = volume(pod, "kafka-user").path("secret").path("secretName").asText();
            assertThat(users).as("%s runs as a declared KafkaUser", name).containsKey(user);
            assertThat(usedUsers.add(user)).as("%s has a user of its own", name).isTrue();
            assertThat(env(container, "JAVA_TOOL_OPTIONS").path("value").asText()).as("%s allows the directory config provider", name)
                    .contains("-Dorg.apache.kafka.automatic.config.providers=org.apache.kafka.common.config.provider.DirectoryConfigProvider");
            // and that user is SCRAM-SHA-512 with exactly the ACLs RoleAcls gives the workload's roles
            JsonNode spec = users.get(user).path("spec");
            assertThat(spec.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
            Set<String> declared = new TreeSet<>();
            for (JsonNode acl : spec.path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                assertThat(acl.path("host").asText("*")).isEqualTo("*");
                acl.path("operations").forEach(op -> assertThat(declared.add(r.path("type").asText() + " " + r.path("patternType").asText()
                        + " " + r.path("name").asText() + " " + op.asText())).as("%s: one ACL once", user).isTrue());
            }
            Set<String> expected = new TreeSet<>();
            for (Role role : roles(args)) {
                for (RoleAcls.Grant grant : RoleAcls.grants(role)) {
                    grant.operations().forEach(op -> expected.add(strimzi(grant.type()) + " " + (grant.pattern() == PatternType.PREFIXED ? "prefix" : "literal")
                            + " " + grant.name() + " " + camel(op.name())));
                }
            }
            assertThat(declared).as("ACLs of KafkaUser %s against RoleAcls for %s", user, roles(args)).isEqualTo(expected);
        }
        assertThat(usedUsers).as("every KafkaUser is used by a workload").isEqualTo(users.keySet());
    }

    @Test
    void shouldDocumentTheAclTableOfRoleAcls() throws IOException {
        // Given the deploy README
        String readme = Files.readString(DeployFiles.file("README.md"));

        // Then its ACL table is the one RoleAcls prints (`triadwatch topics acls`)
        String table = readme.substring(readme.indexOf("<!-- RoleAcls.table() -->\n") + "<!-- RoleAcls.table() -->\n".length(),
                readme.indexOf("<!-- /RoleAcls.table() -->"));
        assertThat(table).isEqualTo(RoleAcls.table());
    }

    @Test
    void shouldServeKafkaOnlyThroughAScramListenerWithAuthorization() {
        // Given the Kafka resource, the bootstrap address and the client settings
        JsonNode kafka = single(DeployFiles.kubernetes("Kafka")).path("spec").path("kafka");
        JsonNode listener = single(kafka.path("listeners"));
        String bootstrap = single(DeployFiles.kubernetes("ConfigMap").stream().filter(c -> c.path("data").has("kafka-bootstrap-servers")).toList())
                .path("data").path("kafka-bootstrap-servers").asText();
        String client = single(DeployFiles.kubernetes("ConfigMap").stream().filter(c -> c.path("data").has("client.properties")).toList())
                .path("data").path("client.properties").asText();

        // Then the only listener is SCRAM over TLS, ACLs are enforced, and the clients use that listener that way
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(bootstrap).endsWith(":" + listener.path("port").asInt());
        assertThat(client).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=${dir:/etc/triadwatch/kafka-user:sasl.jaas.config}", "ssl.truststore.location=/etc/triadwatch/kafka-ca/ca.crt");
    }

    @Test
    void shouldRunTheStreamsRolesAsStatefulSetsWithPersistentStateStableNamesAndDisruptionBudgets() {
        List<JsonNode> statefulSets = DeployFiles.kubernetes("StatefulSet");
        Set<Role> streamsRoles = EnumSet.noneOf(Role.class);
        List<JsonNode> budgets = DeployFiles.kubernetes("PodDisruptionBudget");

        for (JsonNode set : statefulSets) {
            String name = set.path("metadata").path("name").asText();
            JsonNode container = single(set.path("spec").path("template").path("spec").path("containers"));
            List<String> args = texts(container.path("args"));
            streamsRoles.addAll(roles(args));
            // the state directory is a claim of the StatefulSet's own
            String stateDir = args.stream().filter(a -> a.startsWith("--state-dir=")).findFirst().orElseThrow().substring("--state-dir=".length());
            String mounted = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .filter(m -> m.path("mountPath").asText().equals(stateDir)).findFirst().orElseThrow().path("name").asText();
            assertThat(StreamSupport.stream(set.path("spec").path("volumeClaimTemplates").spliterator(), false)
                    .map(c -> c.path("metadata").path("name").asText())).as("%s state directory on a PersistentVolumeClaim", name).contains(mounted);
            // static membership on the stable pod name, and a headless governing Service
            assertThat(args).as("%s static membership", name).contains("--instance-name=$(POD_NAME)");
            JsonNode governing = single(DeployFiles.kubernetes("Service").stream()
                    .filter(s -> s.path("metadata").path("name").asText().equals(set.path("spec").path("serviceName").asText())).toList());
            assertThat(governing.path("spec").path("clusterIP").asText()).as("%s headless Service", name).isEqualTo("None");
            // at most one pod down at a time by a voluntary disruption
            Map<String, String> labels = strings(set.path("spec").path("template").path("metadata").path("labels"));
            JsonNode budget = single(budgets.stream().filter(b -> labels.entrySet()
                    .containsAll(strings(b.path("spec").path("selector").path("matchLabels")).entrySet())).toList());
            assertThat(budget.path("spec").path("maxUnavailable").asInt()).as("%s disruption budget", name).isEqualTo(1);
        }
        assertThat(streamsRoles).as("Streams roles run as StatefulSets").isEqualTo(EnumSet.of(Role.ANALYZER, Role.ALERTER));
        assertThat(budgets).as("a disruption budget per workload").hasSize(workloads().size());
    }

    @Test
    void shouldAutoscaleOnlyStatelessWorkloads() {
        for (JsonNode hpa : DeployFiles.kubernetes("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            JsonNode workload = single(workloads().stream().filter(w -> w.path("kind").asText().equals(target.path("kind").asText())
                    && w.path("metadata").path("name").asText().equals(target.path("name").asText())).toList());
            Set<Role> roles = roles(texts(single(workload.path("spec").path("template").path("spec").path("containers")).path("args")));
            assertThat(roles).as("%s scales no Streams role (see deploy/README.md, Scaling)", target.path("name").asText())
                    .doesNotContain(Role.ANALYZER, Role.ALERTER);
        }
        assertThat(DeployFiles.kubernetes("ScaledObject")).as("no lag-based autoscaling of Streams roles").isEmpty();
    }

    @Test
    void shouldRouteQueriesToTheAnalyzerAndEverythingElseToTheApiThroughOneIngress() {
        // Given the one Ingress and the workloads behind each Service
        JsonNode ingress = single(DeployFiles.kubernetes("Ingress"));
        Map<String, Set<Role>> rolesByService = new TreeMap<>();
        for (JsonNode service : DeployFiles.kubernetes("Service")) {
            Map<String, String> selector = strings(service.path("spec").path("selector"));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            workloads().stream().filter(w -> strings(w.path("spec").path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet()))
                    .forEach(w -> roles.addAll(roles(texts(single(w.path("spec").path("template").path("spec").path("containers")).path("args")))));
            rolesByService.put(service.path("metadata").path("name").asText(), roles);
        }
        Map<String, Set<Role>> rolesByPath = new TreeMap<>();
        ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths").forEach(path ->
                rolesByPath.put(path.path("path").asText(), rolesByService.get(path.path("backend").path("service").path("name").asText()))));

        // Then the queries reach analyzer pods, and the dashboard, alerts and ingest reach the API pods
        assertThat(rolesByPath.get("/api/dyads")).contains(Role.ANALYZER);
        assertThat(rolesByPath.get("/api/triads")).contains(Role.ANALYZER);
        assertThat(rolesByPath.get("/")).contains(Role.API, Role.INGEST);
        assertThat(ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/proxy-buffering").asText())
                .as("SSE unbuffered").isEqualTo("off");
    }

    /** @return every Deployment and StatefulSet */
    private static List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(DeployFiles.kubernetes("Deployment"));
        workloads.addAll(DeployFiles.kubernetes("StatefulSet"));
        return workloads;
    }

    private static JsonNode volume(JsonNode podSpec, String name) {
        for (JsonNode volume : podSpec.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name + " in the pod");
    }

    /** @return Strimzi's name of a resource type */
    private static String strimzi(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new AssertionError("no Strimzi resource type for " + type);
        };
    }

    /** @return Strimzi's name of an operation: DESCRIBE_CONFIGS is DescribeConfigs */
    private static String camel(String operation) {
        StringBuilder out = new StringBuilder();
        for (String part : operation.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    private static Set<Role> roles(List<String> args) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < args.size(); i++) {
            String value = args.get(i).startsWith("--role=") ? args.get(i).substring("--role=".length())
                    : args.get(i).equals("--role") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (value != null) {
                for (String role : value.split(",")) {
                    roles.addAll(Role.expand(EnumSet.of(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)))));
                }
            }
        }
        return roles;
    }

    private static int portOf(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("port " + port + " is not declared by the container");
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                return env;
            }
        }
        throw new AssertionError(name + " is not in the container's environment");
    }

    private static JsonNode single(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray() && array.size() == 1).as("one element in %s", array).isTrue();
        return array.get(0);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
