package io.triadwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.ClasspathResourceLoader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Triadwatch JSON Schemas (draft 2020-12), loaded from the class path and ready to validate topic values.
 *
 * <p>Schema ids under {@value SchemaName#ID_PREFIX} resolve to class-path resources under
 * {@value SchemaName#RESOURCE_PREFIX}; nothing is fetched from the network. Format assertions
 * ({@code date}, {@code date-time}) are enabled and messages are in English whatever the default locale.
 *
 * <p>Loading parses and compiles every schema, so create the catalog once: {@link #shared()} returns the
 * one instance of the JVM. The catalog is immutable and thread-safe; {@link #validate} may be called
 * concurrently from any number of threads.
 */
public final class SchemaCatalog {

    /** Keywords whose error names a property of the object at the instance location. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of(
            "required", "dependentRequired", "additionalProperties", "unevaluatedProperties", "propertyNames");

    /** Keywords whose message is clearer with the offending scalar value appended. */
    private static final Set<String> VALUE_KEYWORDS = Set.of(
            "pattern", "format", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf");

    private static final int MAX_QUOTED_VALUE = 64;

    private final Map<SchemaName, Schema> schemas;

    private SchemaCatalog() {
        ClassLoader classLoader = SchemaCatalog.class.getClassLoader();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .errorMessageKeyword("errorMessage")
                .locale(Locale.ENGLISH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .schemaIdResolvers(ids -> ids.mapPrefix(
                                SchemaName.ID_PREFIX, "classpath:" + SchemaName.RESOURCE_PREFIX))
                        .resourceLoaders(resources -> resources.add(new ClasspathResourceLoader(() -> classLoader)))));
        Map<SchemaName, Schema> loaded = new EnumMap<>(SchemaName.class);
        for (SchemaName name : SchemaName.values()) {
            if (classLoader.getResource(name.resourcePath()) == null) {
                throw new IllegalStateException("schema " + name + " not found on the class path at " + name.resourcePath());
            }
            try {
                Schema schema = registry.getSchema(SchemaLocation.of(name.id()));
                schema.initializeValidators(); // resolves every $ref now, not on the first validation
                loaded.put(name, schema);
            } catch (RuntimeException e) {
                throw new IllegalStateException("schema " + name + " (" + name.resourcePath() + ") cannot be loaded: "
                        + e.getMessage(), e);
            }
        }
        this.schemas = Collections.unmodifiableMap(loaded);
    }

    /**
     * Returns the catalog of this JVM, loading every schema on first use.
     *
     * @return the shared catalog, never {@code null}
     * @throws IllegalStateException if a schema is missing from the class path or is not a valid schema
     */
    public static SchemaCatalog shared() {
        return Holder.INSTANCE;
    }

    /**
     * Validates a JSON value against a schema.
     *
     * <p>Each problem is reported once, at the field it concerns, in the order the schema evaluates it.
     * An event with an unknown or missing {@code kind} reports only that, not the fields of every kind.
     *
     * @param name     the schema to validate against
     * @param instance the parsed JSON value, e.g. a record value read with Jackson
     * @return the violations, empty if the value is valid; an unmodifiable list
     * @throws NullPointerException if {@code name} or {@code instance} is {@code null}
     */
    public List<SchemaViolation> validate(SchemaName name, JsonNode instance) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instance, "instance");
        List<Error> errors = schemas.get(name).validate(instance);
        if (errors.isEmpty()) {
            return List.of();
        }
        Set<SchemaViolation> violations = new LinkedHashSet<>();
        for (Error error : errors) {
            violations.add(toViolation(error));
        }
        return List.copyOf(new ArrayList<>(violations));
    }

    private static SchemaViolation toViolation(Error error) {
        String keyword = error.getKeyword() == null ? "unknown" : error.getKeyword();
        NodePath location = error.getInstanceLocation();
        String property = offendingProperty(keyword, error);
        if (property != null) {
            location = location.append(property);
        }
        String message = error.getMessage();
        JsonNode value = error.getInstanceNode();
        if (VALUE_KEYWORDS.contains(keyword) && value != null && value.isValueNode() && !value.isNull()) {
            message = message + " (got " + quote(value) + ")";
        }
        return new SchemaViolation(oneLine(location.toString()), keyword, oneLine(message));
    }

    /**
     * Returns the property an object-level keyword complains about: the missing one for {@code required} and
     * {@code dependentRequired}, the unexpected one for {@code additionalProperties}, {@code propertyNames} and
     * {@code unevaluatedProperties}; {@code null} for other keywords.
     */
    private static String offendingProperty(String keyword, Error error) {
        if (!PROPERTY_KEYWORDS.contains(keyword)) {
            return null;
        }
        Object[] arguments = error.getArguments();
        if ("dependentRequired".equals(keyword) && arguments != null && arguments.length > 0
                && arguments[0] != null) {
            return arguments[0].toString(); // arguments: the missing property, then the one that requires it
        }
        return error.getProperty();
    }

    private static String quote(JsonNode value) {
        if (value.isTextual() && value.textValue().length() > MAX_QUOTED_VALUE) {
            return "\"" + value.textValue().substring(0, MAX_QUOTED_VALUE) + "\"...";
        }
        return value.toString(); // JSON text: strings quoted, control characters escaped
    }

    /** Escapes line breaks and other control characters so that a violation prints on one line. */
    private static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static final class Holder {
        static final SchemaCatalog INSTANCE = new SchemaCatalog();
    }
}
