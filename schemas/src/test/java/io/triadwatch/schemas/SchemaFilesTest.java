package io.triadwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema files themselves: valid 2020-12, self-describing, packaged, and consistent with each other. */
class SchemaFilesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    static Stream<String> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(Examples.moduleDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".schema.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void shouldBeAValidDraft202012Schema(String fileName) {
        // Given the 2020-12 meta-schema, from the validator's class path (no network)
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
        Schema metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));

        // When a schema file is validated against it
        List<Error> errors = metaSchema.validate(Examples.read(Examples.schemaFile(fileName)));

        // Then it is a valid schema
        assertThat(errors).as(fileName).isEmpty();
    }

    @Test
    void shouldCatchAnInvalidSchemaWithTheMetaSchema() throws IOException {
        // Given the meta-schema check used above and a schema with a malformed keyword
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
        Schema metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));
        JsonNode broken = Examples.MAPPER.readTree("{\"type\": \"object\", \"minProperties\": -1}");

        // When it is validated, then the check is not vacuous: it fails
        assertThat(metaSchema.validate(broken)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void shouldDeclareDialectIdTitleAndDescription(String fileName) {
        // Given a schema file
        JsonNode schema = Examples.read(Examples.schemaFile(fileName));

        // Then it names its dialect and its own id, and documents itself
        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(SchemaName.ID_PREFIX + fileName);
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void shouldDocumentEveryPropertyAndDefinition(String fileName) {
        // Given a schema file
        JsonNode schema = Examples.read(Examples.schemaFile(fileName));

        // When every property and $defs entry is collected (boolean 'true' entries only admit a field defined
        // elsewhere; properties inside an 'if' only select a branch)
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, "#", undocumented);

        // Then each has a title and a description
        assertThat(undocumented).as(fileName).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void shouldReferenceOnlyCommonOrLocalDefinitions(String fileName) {
        // Given every $ref of a schema file
        JsonNode schema = Examples.read(Examples.schemaFile(fileName));
        List<String> refs = new ArrayList<>();
        schema.findValues("$ref").forEach(ref -> refs.add(ref.asText()));

        // Then each is relative: a local pointer or common.v1.schema.json, and the target exists
        JsonNode common = Examples.read(Examples.schemaFile("common.v1.schema.json"));
        for (String ref : refs) {
            assertThat(ref).as(fileName).matches("^(common\\.v1\\.schema\\.json)?#/\\$defs/[A-Za-z]+$");
            JsonNode target = ref.startsWith("#") ? schema : common;
            assertThat(target.at(ref.substring(ref.indexOf('#') + 1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void shouldHaveOneFilePerSchemaNamePlusCommon() throws IOException {
        // Given the schema files at the top of the module and the SchemaName constants
        Set<String> files = schemaFiles().collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = Stream.of(SchemaName.values()).map(SchemaName::fileName)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("common.v1.schema.json");

        // Then they match one to one
        assertThat(files).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(SchemaName.class)
    void shouldPackageEverySchemaUnderTriadwatchSchemas(SchemaName name) throws IOException {
        // Given the class-path resource of a schema
        try (InputStream packaged = getClass().getClassLoader().getResourceAsStream(name.resourcePath())) {
            // Then it exists and is the file at the top of the module
            assertThat(packaged).as(name.resourcePath()).isNotNull();
            assertThat(Examples.MAPPER.readTree(packaged)).isEqualTo(Examples.read(Examples.schemaFile(name.fileName())));
        }
    }

    @Test
    void shouldGiveEveryEventKindItsOwnBranch() {
        // Given the event kinds and the event schema
        JsonNode common = Examples.read(Examples.schemaFile("common.v1.schema.json"));
        JsonNode event = Examples.read(Examples.schemaFile("event.v1.schema.json"));

        // When the kinds selected by the allOf if/then branches are collected
        List<String> kinds = new ArrayList<>();
        common.at("/$defs/eventKind/enum").forEach(k -> kinds.add(k.asText()));
        List<String> branches = new ArrayList<>();
        event.path("allOf").forEach(b -> branches.add(b.at("/if/properties/kind/const").asText()));

        // Then each kind has exactly one branch, and each branch closes its object
        assertThat(branches).containsExactlyElementsOf(kinds);
        event.path("allOf").forEach(branch -> {
            String ref = branch.at("/then/$ref").asText();
            JsonNode def = event.at(ref.substring(1));
            assertThat(def.path("additionalProperties").asBoolean(true)).as(ref).isFalse();
            event.path("properties").fieldNames().forEachRemaining(field ->
                    assertThat(def.path("properties").has(field)).as("%s admits %s", ref, field).isTrue());
        });
    }

    @Test
    void shouldAcceptTheEventKindsAndRankDropAsRuleTriggers() {
        // Given the event kinds and the rule's trigger kinds
        JsonNode common = Examples.read(Examples.schemaFile("common.v1.schema.json"));
        JsonNode rule = Examples.read(Examples.schemaFile("rule.v1.schema.json"));
        List<String> expected = new ArrayList<>();
        common.at("/$defs/eventKind/enum").forEach(k -> expected.add(k.asText()));
        expected.add("RANK_DROP");

        // Then the trigger kinds are the event kinds plus the pseudo-kind RANK_DROP
        List<String> triggers = new ArrayList<>();
        rule.at("/properties/triggerKinds/items/enum").forEach(k -> triggers.add(k.asText()));
        assertThat(triggers).containsExactlyElementsOf(expected);
    }

    private static void collectUndocumented(JsonNode node, String pointer, List<String> undocumented) {
        if (node.isObject()) {
            for (String container : List.of("properties", "$defs")) {
                JsonNode members = node.get(container);
                if (members != null && members.isObject()) {
                    for (Map.Entry<String, JsonNode> member : members.properties()) {
                        JsonNode def = member.getValue();
                        boolean admitsOnly = def.isBoolean() && def.asBoolean();
                        if (!admitsOnly && (!def.path("title").isTextual() || !def.path("description").isTextual())) {
                            undocumented.add(pointer + "/" + container + "/" + member.getKey());
                        }
                    }
                }
            }
            node.properties().forEach(e -> {
                if (!e.getKey().equals("if")) { // an if is a selector, not a definition to document
                    collectUndocumented(e.getValue(), pointer + "/" + e.getKey(), undocumented);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndocumented(node.get(i), pointer + "/" + i, undocumented);
            }
        }
    }
}
