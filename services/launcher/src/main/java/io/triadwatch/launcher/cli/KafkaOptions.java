package io.triadwatch.launcher.cli;

import io.triadwatch.launcher.app.Role;
import io.triadwatch.launcher.security.AccessCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How a command reaches Kafka: {@code --bootstrap-servers} plus, for SASL/TLS or any other client
 * setting, a properties file passed unchanged to every client ({@code --kafka-config}).
 */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka cluster to use. Without it, demo and replay start an embedded broker; other commands default to 127.0.0.1:9092.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.* ...) applied to every client.")
    Path kafkaConfig;

    @Option(names = "--kafka-timeout", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "How long the cluster may take to answer the start-up check before the command fails (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    /** The cluster of commands that need one when none is given. */
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    /** @return the bootstrap servers given, or null */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The client properties of a command that needs a running cluster, once the cluster has
     * answered ({@link ClusterCheck}): {@code --bootstrap-servers}, or {@value #DEFAULT_BOOTSTRAP}.
     *
     * @throws ClusterCheck.ClusterUnreachableException within about {@code --kafka-timeout}, with one line saying why
     */
    public Map<String, Object> reachableCluster() throws IOException, InterruptedException {
        Map<String, Object> props = clientProperties(bootstrapServers != null ? bootstrapServers : DEFAULT_BOOTSTRAP);
        ClusterCheck.require(props, kafkaTimeout);
        return props;
    }

    /**
     * Like {@link #reachableCluster()}, then checks that the cluster lets this client do what
     * {@code roles} need ({@link AccessCheck}, against {@link io.triadwatch.launcher.security.RoleAcls}).
     *
     * @throws AccessCheck.AccessDeniedException with one line naming the principal and the permission it lacks
     */
    public Map<String, Object> reachableCluster(Set<Role> roles) throws IOException, InterruptedException {
        Map<String, Object> props = reachableCluster();
        AccessCheck.require(props, roles, kafkaTimeout);
        return props;
    }

    /**
     * @param bootstrap the servers to use (given or embedded)
     * @return client properties: the file's, then {@code bootstrap.servers}
     */
    public Map<String, Object> clientProperties(String bootstrap) throws IOException {
        Map<String, Object> props = fileProperties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    /** @return the {@code --kafka-config} properties, or none */
    public Map<String, Object> fileProperties() throws IOException {
        Map<String, Object> props = new HashMap<>();
        if (kafkaConfig != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
                file.load(reader);
            }
            file.forEach((k, v) -> props.put((String) k, v));
        }
        return props;
    }
}
