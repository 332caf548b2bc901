package io.triadwatch.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;

/** Creates and removes the directories an embedded cluster keeps its logs in. */
final class DataDirectories {

    private static final String NODE_PREFIX = "node-";

    private DataDirectories() {
    }

    /** Creates a fresh temporary directory for a cluster that does not keep its data. */
    static Path createTemporary() {
        try {
            return Files.createTempDirectory("triadwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka data directory", e);
        }
    }

    /** Creates {@code directory} and its parents if they do not exist yet. */
    static Path ensureExists(final Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka data directory " + directory, e);
        }
    }

    /** Returns the directory of one node inside the cluster's data directory. */
    static Path nodeDirectory(final Path dataDirectory, final int nodeId) {
        return dataDirectory.resolve(NODE_PREFIX + nodeId);
    }

    /**
     * Fails if {@code dataDirectory} holds node directories that {@code topology} does not have, which
     * means it was written by a cluster of another shape.
     */
    static void requireMatchingNodes(final Path dataDirectory, final Topology topology) {
        final Set<Integer> found = new TreeSet<>();
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dataDirectory, NODE_PREFIX + "*")) {
            for (Path node : nodes) {
                final String id = node.getFileName().toString().substring(NODE_PREFIX.length());
                if (Files.isDirectory(node) && id.matches("\\d+")) {
                    found.add(Integer.parseInt(id));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the Kafka data directory " + dataDirectory, e);
        }
        if (!topology.nodeIds().containsAll(found)) {
            throw new IllegalStateException("The Kafka data directory " + dataDirectory + " holds nodes " + found
                    + ", which topology " + topology + " (nodes " + topology.nodeIds() + ") does not have. Restart with "
                    + "the topology that created it, or delete the directory to start afresh.");
        }
    }

    /** Deletes {@code directory} and everything below it; files that vanish meanwhile are ignored. */
    static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException exc) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, final IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
