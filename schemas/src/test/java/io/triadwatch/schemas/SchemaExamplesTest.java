package io.triadwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every example under {@code examples/} is accepted or rejected exactly as its place and expectation say. */
class SchemaExamplesTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.shared();

    static Stream<Arguments> validExamples() {
        return examples("valid");
    }

    static Stream<Arguments> invalidExamples() {
        return examples("invalid");
    }

    private static Stream<Arguments> examples(String validity) {
        return Arrays.stream(SchemaName.values())
                .flatMap(name -> Examples.files(name, validity).stream()
                        .map(file -> Arguments.of(name, file.getFileName().toString(), file)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validExamples")
    void shouldAcceptEveryValidExample(SchemaName name, String fileName, Path file) {
        // Given a valid example
        JsonNode instance = Examples.read(file);

        // When it is validated against its schema
        List<SchemaViolation> violations = CATALOG.validate(name, instance);

        // Then nothing is wrong with it
        assertThat(violations).as(fileName).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidExamples")
    void shouldRejectEveryInvalidExampleForItsStatedReasonOnly(SchemaName name, String fileName, Path file) {
        // Given an invalid example and the reason it is invalid
        JsonNode instance = Examples.read(file);
        JsonNode expected = expectations(name).path(fileName);
        assertThat(expected.isObject()).as("expectation for %s", fileName).isTrue();

        // When it is validated against its schema
        List<SchemaViolation> violations = CATALOG.validate(name, instance);

        // Then it fails exactly once, with the expected keyword at the expected path
        assertThat(violations).as("%s: %s", fileName, expected.path("reason").asText())
                .extracting(SchemaViolation::path, SchemaViolation::keyword)
                .containsExactly(tuple(
                        expected.path("path").asText(), expected.path("keyword").asText()));
        // and the one-line description names the field
        assertThat(violations.get(0).describe()).startsWith(expected.path("path").asText() + ": ");
    }

    @ParameterizedTest
    @EnumSource(SchemaName.class)
    void shouldHaveAnExpectationForEveryInvalidExampleAndViceVersa(SchemaName name) {
        // Given the invalid examples of a schema and its expectations file
        Set<String> files = Examples.files(name, "invalid").stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>();
        expectations(name).fieldNames().forEachRemaining(expected::add);

        // Then they name the same files
        assertThat(expected).as("expectations of %s", name).isEqualTo(files);
    }

    @ParameterizedTest
    @EnumSource(SchemaName.class)
    void shouldStateReasonPathAndKeywordInEveryExpectation(SchemaName name) {
        // Given the expectations of a schema
        JsonNode expectations = expectations(name);

        // Then each names a reason, a JSON path and a keyword, and nothing else
        expectations.properties().forEach(entry -> {
            JsonNode expectation = entry.getValue();
            assertThat(expectation.path("reason").asText()).as(entry.getKey()).isNotBlank();
            assertThat(expectation.path("path").asText()).as(entry.getKey()).startsWith("$");
            assertThat(expectation.path("keyword").asText()).as(entry.getKey()).isNotBlank();
            assertThat(expectation.size()).as(entry.getKey()).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @EnumSource(SchemaName.class)
    void shouldHaveValidAndInvalidExamplesForEverySchema(SchemaName name) {
        // Given the examples of a schema
        int minimumInvalid = name == SchemaName.EVENT ? 15 : 3;

        // Then there are enough of both
        assertThat(Examples.files(name, "valid")).as("valid examples of %s", name).isNotEmpty();
        assertThat(Examples.files(name, "invalid")).as("invalid examples of %s", name).hasSizeGreaterThanOrEqualTo(minimumInvalid);
    }

    @Test
    void shouldHaveAValidExampleOfEveryEventKind() {
        // Given the kinds of the contract
        Set<String> kinds = new TreeSet<>();
        Examples.read(Examples.schemaFile("common.v1.schema.json"))
                .at("/$defs/eventKind/enum").forEach(kind -> kinds.add(kind.asText()));

        // When the kinds of the valid event examples are collected
        Set<String> covered = Examples.files(SchemaName.EVENT, "valid").stream()
                .map(file -> Examples.read(file).path("kind").asText())
                .collect(Collectors.toCollection(TreeSet::new));

        // Then every kind has one
        assertThat(covered).isEqualTo(kinds).hasSize(8);
    }

    private static JsonNode expectations(SchemaName name) {
        return Examples.read(Examples.dir(name, "invalid").resolve(Examples.EXPECTATIONS));
    }
}
