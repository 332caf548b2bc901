package io.triadwatch.schemas;

import java.util.Objects;

/**
 * The Triadwatch v1 topic-value schemas, one constant per {@code <name>.schema.json} file.
 *
 * <p>Adding a schema is one constant here plus its file at the top of the {@code schemas/} module.
 */
public enum SchemaName {
    /** The canonical event, value of {@code triadwatch.events.v1}. */
    EVENT("event.v1", "triadwatch.events.v1"),
    /** One version of an official, value of {@code triadwatch.officials.v1}. */
    OFFICIAL("official.v1", "triadwatch.officials.v1"),
    /** A watched triad, value of {@code triadwatch.triads.v1}. */
    TRIAD("triad.v1", "triadwatch.triads.v1"),
    /** An alert, value of {@code triadwatch.alerts.v1}. */ ALERT("alert.v1", "triadwatch.alerts.v1"),
    /** A dyad's state, value of {@code triadwatch.dyad-state.v1}. */ DYAD_STATE("dyad-state.v1", "triadwatch.dyad-state.v1"),
    /** A watched triad's state, value of {@code triadwatch.triad-state.v1}. */ TRIAD_STATE("triad-state.v1", "triadwatch.triad-state.v1"),
    /** An alert rule, value of {@code triadwatch.rules.v1}. */
    RULE("rule.v1", "triadwatch.rules.v1");

    /** The base of every schema {@code $id}; a schema's id is this plus its {@link #fileName()}. */
    public static final String ID_PREFIX = "https://schemas.triadwatch.io/v1/";

    /** Where the jar carries the schema files; a schema's resource is this plus its {@link #fileName()}. */
    public static final String RESOURCE_PREFIX = "triadwatch/schemas/";

    private final String schemaName;
    private final String topic;

    SchemaName(String schemaName, String topic) {
        this.schemaName = Objects.requireNonNull(schemaName);
        this.topic = Objects.requireNonNull(topic);
    }

    /**
     * Returns the versioned schema name, e.g. {@code event.v1}; also the directory of its examples.
     *
     * @return the schema name, never {@code null}
     */
    public String schemaName() {
        return schemaName;
    }

    /**
     * Returns the topic whose values this schema describes, e.g. {@code triadwatch.events.v1}.
     *
     * @return the topic name, never {@code null}
     */
    public String topic() {
        return topic;
    }

    /**
     * Returns the file name, e.g. {@code event.v1.schema.json}.
     *
     * @return the file name, never {@code null}
     */
    public String fileName() {
        return schemaName + ".schema.json";
    }

    /**
     * Returns the schema's {@code $id}, e.g. {@code https://schemas.triadwatch.io/v1/event.v1.schema.json}.
     *
     * @return the absolute schema id, never {@code null}
     */
    public String id() {
        return ID_PREFIX + fileName();
    }

    /**
     * Returns the class-path resource holding the schema, e.g. {@code triadwatch/schemas/event.v1.schema.json}.
     *
     * @return the resource name for {@link ClassLoader#getResource(String)}, never {@code null}
     */
    public String resourcePath() {
        return RESOURCE_PREFIX + fileName();
    }
}
