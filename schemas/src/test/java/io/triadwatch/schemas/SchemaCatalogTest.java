package io.triadwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The catalog: one shared instance, class-path loading, one clear violation per problem. */
class SchemaCatalogTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.shared();

    @Test
    void shouldReuseOneCatalogPerJvm() {
        // Given the shared catalog, loaded once

        // When it is asked for again, from this and another thread
        SchemaCatalog again = SchemaCatalog.shared();
        SchemaCatalog[] fromOtherThread = new SchemaCatalog[1];
        Thread thread = new Thread(() -> fromOtherThread[0] = SchemaCatalog.shared());
        thread.start();
        join(thread);

        // Then it is the same instance: schemas are parsed and compiled once, not per call
        assertThat(again).isSameAs(CATALOG);
        assertThat(fromOtherThread[0]).isSameAs(CATALOG);
    }

    @ParameterizedTest
    @EnumSource(SchemaName.class)
    void shouldNameEverySchemaByIdFileResourceAndTopic(SchemaName name) {
        // Given a schema name

        // Then its id, file, resource and topic follow one pattern
        assertThat(name.id()).isEqualTo("https://schemas.triadwatch.io/v1/" + name.schemaName() + ".schema.json");
        assertThat(name.resourcePath()).isEqualTo("triadwatch/schemas/" + name.fileName());
        assertThat(name.topic()).startsWith("triadwatch.").endsWith(".v1");
        assertThat(getClass().getClassLoader().getResource(name.resourcePath())).isNotNull();
    }

    @Test
    void shouldReportOnlyTheMissingFieldOfTheEventsKind() {
        // Given a SUMMIT without its level
        ObjectNode summit = example("summit-kim-putin-vostochny-2023.json");
        summit.remove("level");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, summit);

        // Then the one violation names SUMMIT's missing field, not the failures of the seven other kinds
        assertThat(violations).containsExactly(
                new SchemaViolation("$.level", "required", "required property 'level' not found"));
        assertThat(violations.get(0).describe()).isEqualTo("$.level: required property 'level' not found");
    }

    @Test
    void shouldNameTheMissingFieldInsideANestedObject() {
        // Given a delegation visit whose delegation has no head
        ObjectNode visit = example("delegation-victory-day-2023-li-hongzhong.json");
        ((ObjectNode) visit.get("delegation")).remove("head");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, visit);

        // Then the path leads to the missing field
        assertThat(violations).extracting(SchemaViolation::describe)
                .containsExactly("$.delegation.head: required property 'head' not found");
    }

    @Test
    void shouldReportOnlyTheKindWhenTheKindIsUnknown() {
        // Given an event with a misspelt kind
        ObjectNode event = example("summit-kim-putin-vostochny-2023.json");
        event.put("kind", "SUMIT");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, event);

        // Then the kind is the one problem, quoted
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.kind");
            assertThat(v.keyword()).isEqualTo("enum");
            assertThat(v.message()).contains("SUMMIT").endsWith("(got \"SUMIT\")");
        });
    }

    @Test
    void shouldExplainPatternsInWordsAndQuoteTheValue() {
        // Given a visit whose guest is a country name
        ObjectNode visit = example("delegation-victory-day-2023-li-hongzhong.json");
        visit.put("guest", "China");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, visit);

        // Then the message says what an actor is, not the regular expression
        assertThat(violations).extracting(SchemaViolation::describe).containsExactly(
                "$.guest: must be an ISO 3166-1 alpha-3 country code in upper case, e.g. CHN (got \"China\")");
    }

    @Test
    void shouldReportEveryIndependentProblem() {
        // Given an event with three unrelated mistakes
        ObjectNode event = example("summit-kim-putin-vostochny-2023.json");
        event.put("confidence", 2);
        event.put("host", "ru");
        event.put("venu", "Vostochny");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, event);

        // Then each is reported once, at its own field
        assertThat(violations).extracting(SchemaViolation::path, SchemaViolation::keyword)
                .containsExactlyInAnyOrder(
                        tuple("$.confidence", "maximum"),
                        tuple("$.host", "pattern"),
                        tuple("$.venu", "additionalProperties"));
    }

    @Test
    void shouldDescribeAViolationOnOneLineWhateverTheInput() {
        // Given an event with an unknown field whose name holds a line break
        ObjectNode event = example("summit-kim-putin-vostochny-2023.json");
        event.put("note\nsecond line", 1);

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, event);

        // Then the description is still one line
        assertThat(violations).singleElement()
                .satisfies(v -> assertThat(v.describe()).doesNotContain("\n", "\r").contains("note"));
    }

    @Test
    void shouldAssertFormatsSoThatAnImpossibleDateFails() {
        // Given an official version valid from 30 February
        ObjectNode official = (ObjectNode) Examples.read(
                Examples.dir(SchemaName.OFFICIAL, "valid").resolve("li-yuanchao-2013.json"));
        official.put("validFrom", "2013-02-30");

        // When it is validated
        List<SchemaViolation> violations = CATALOG.validate(SchemaName.OFFICIAL, official);

        // Then the format check rejects it with one message
        assertThat(violations).extracting(SchemaViolation::path, SchemaViolation::keyword)
                .containsExactly(tuple("$.validFrom", "format"));
    }

    @Test
    void shouldReportInEnglishWhateverTheDefaultLocale() {
        // Given a JVM whose default locale is German
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            ObjectNode event = example("summit-kim-putin-vostochny-2023.json");
            event.remove("level");

            // When an event is validated
            List<SchemaViolation> violations = CATALOG.validate(SchemaName.EVENT, event);

            // Then the message is still English
            assertThat(violations).extracting(SchemaViolation::message)
                    .containsExactly("required property 'level' not found");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldValidateConcurrentlyWithTheSameResults() throws Exception {
        // Given the shared catalog, a valid and an invalid event
        JsonNode valid = example("un-vote-unsc-panel-of-experts-2024.json");
        ObjectNode invalid = example("un-vote-unsc-panel-of-experts-2024.json");
        ((ObjectNode) invalid.get("votes")).put("CHN", "ABSTAINED");
        List<SchemaViolation> expected = CATALOG.validate(SchemaName.EVENT, invalid);

        // When both are validated many times from several threads at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> CATALOG.validate(SchemaName.EVENT, valid).isEmpty()
                        && CATALOG.validate(SchemaName.EVENT, invalid).equals(expected)));
            }

            // Then every result is the single-threaded one
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSize(1);
    }

    @Test
    void shouldRejectNullArguments() {
        // Given the catalog
        JsonNode event = example("summit-kim-putin-vostochny-2023.json");

        // Then a missing schema name or instance is a programming error
        assertThatNullPointerException().isThrownBy(() -> CATALOG.validate(null, event));
        assertThatNullPointerException().isThrownBy(() -> CATALOG.validate(SchemaName.EVENT, null));
    }

    @Test
    void shouldRejectAJsonNullValue() {
        // Given a JSON null (not a tombstone: tombstones never reach validation)
        JsonNode nothing = Examples.MAPPER.nullNode();

        // When it is validated, then the type is the problem
        assertThat(CATALOG.validate(SchemaName.TRIAD, nothing)).extracting(SchemaViolation::describe)
                .containsExactly("$: null found, object expected");
    }

    private static ObjectNode example(String fileName) {
        Path file = Examples.dir(SchemaName.EVENT, "valid").resolve(fileName);
        return (ObjectNode) Examples.read(file);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
