package io.triadwatch.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The demo timeline files (services/launcher/src/main/resources/demo), read from the project directory. */
final class DemoTimeline {
    static final Path DIR = Path.of(System.getProperty("triadwatch.project.dir", "../.."), "services/launcher/src/main/resources/demo");

    private DemoTimeline() {
    }

    static List<String> events() {
        return lines("events.jsonl");
    }

    static List<String> officials() {
        return lines("officials.jsonl");
    }

    static List<String> triads() {
        return lines("triads.jsonl");
    }

    /** @return the Kafka key of an official line: {@code id@validFrom} */
    static String officialKey(String line) {
        JsonNode node = tree(line);
        return node.path("id").asText() + "@" + node.path("validFrom").asText();
    }

    /** @return the {@code id} of an event or triad line */
    static String id(String line) {
        return tree(line).path("id").asText();
    }

    static String occurredAt(String line) {
        return tree(line).path("occurredAt").asText();
    }

    private static JsonNode tree(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(DIR.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("demo file " + DIR.resolve(file) + " (is triadwatch.project.dir set?)", e);
        }
    }
}
