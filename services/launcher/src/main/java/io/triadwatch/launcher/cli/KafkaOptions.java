package io.triadwatch.launcher.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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

    /** @return the bootstrap servers given, or null */
    public String bootstrapServers() {
        return bootstrapServers;
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
