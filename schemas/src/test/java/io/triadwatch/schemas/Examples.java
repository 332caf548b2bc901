package io.triadwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: the module directory, its schema files and its examples. */
final class Examples {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String EXPECTATIONS = "expectations.json";

    private Examples() {
    }

    /** The schemas module directory (surefire's working directory and its {@code basedir} property). */
    static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("examples"))) {
            throw new IllegalStateException("not the schemas module directory: " + dir);
        }
        return dir;
    }

    static Path schemaFile(String fileName) {
        return moduleDir().resolve(fileName);
    }

    static Path dir(SchemaName name, String validity) {
        return moduleDir().resolve("examples").resolve(name.schemaName()).resolve(validity);
    }

    /** The example files of one schema, {@code validity} = {@code valid} or {@code invalid}, without expectations. */
    static List<Path> files(SchemaName name, String validity) {
        Path dir = dir(name, validity);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(EXPECTATIONS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
