package io.triadwatch.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats KRaft node directories the way {@code kafka-storage.sh format} does, but only those that
 * are not formatted yet, so a cluster restarted on the same data directory keeps its data.
 */
final class StorageFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);
    private static final String META_PROPERTIES = "meta.properties";

    private StorageFormatter() {
    }

    /**
     * Formats every node directory that has no {@code meta.properties} yet and returns the cluster id.
     * An existing cluster id (from any already formatted node) is reused; otherwise a new one is made.
     * With {@code security}, the super user's SCRAM credential is part of the initial metadata.
     */
    static String formatIfNeeded(final List<NodePlan> nodes, final SaslSsl security) {
        final String clusterId = nodes.stream()
                .map(node -> existingClusterId(node.directory()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
        for (NodePlan node : nodes) {
            if (!isFormatted(node.directory())) {
                format(node, clusterId, security);
            }
        }
        return clusterId;
    }

    private static boolean isFormatted(final Path nodeDirectory) {
        return Files.isRegularFile(nodeDirectory.resolve(META_PROPERTIES));
    }

    private static Optional<String> existingClusterId(final Path nodeDirectory) {
        final Path metaProperties = nodeDirectory.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaProperties, e);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    private static void format(final NodePlan node, final String clusterId, final SaslSsl security) {
        final String directory = DataDirectories.ensureExists(node.directory()).toString();
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            final Formatter formatter = new Formatter();
            if (security != null) {
                // kafka-storage.sh format --add-scram: the brokers' own credential must exist before they authenticate.
                formatter.setScramArguments(List.of(SaslSsl.MECHANISM + "=[name=" + security.superUser()
                        + ",password=" + security.superUserPassword() + "]"));
            }
            formatter
                    .setPrintStream(quiet)
                    .setNodeId(node.nodeId())
                    .setClusterId(clusterId)
                    .setDirectories(List.of(directory))
                    .setMetadataLogDirectory(directory)
                    .setControllerListenerName(NodeConfigs.CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage for node " + node.nodeId()
                    + " in " + directory + ": " + e.getMessage(), e);
        }
        LOG.debug("Formatted KRaft storage for node {} in {} (cluster id {})", node.nodeId(), directory, clusterId);
    }
}
