package io.triadwatch.schemas;

import java.util.Objects;

/**
 * One way a JSON value breaks its schema.
 *
 * <p>{@code path} locates the offending field in the instance as a JSON path from the root {@code $}
 * (the format of json-schema-validator), e.g. {@code $.delegation.head} or {@code $.participants[1]}.
 * For a missing or unexpected property the path names that property itself, not its parent object.
 * {@code keyword} is the JSON Schema keyword that failed, e.g. {@code required}, {@code pattern},
 * {@code additionalProperties}. {@code message} says what is wrong, in English.
 *
 * @param path    JSON path of the offending field, starting with {@code $}
 * @param keyword the failing JSON Schema keyword
 * @param message what is wrong with the field
 */
public record SchemaViolation(String path, String keyword, String message) {

    /**
     * Creates a violation.
     *
     * @param path    JSON path of the offending field, starting with {@code $}
     * @param keyword the failing JSON Schema keyword
     * @param message what is wrong with the field, one line
     * @throws NullPointerException     if any argument is {@code null}
     * @throws IllegalArgumentException if {@code path} does not start with {@code $}, {@code keyword} or
     *                                  {@code message} is blank, or {@code path} or {@code message} holds a
     *                                  control character such as a line break
     */
    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("path must be a JSON path starting with '$': " + path);
        }
        if (keyword.isBlank()) {
            throw new IllegalArgumentException("keyword must not be blank");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
        if (hasControlCharacter(path) || hasControlCharacter(message)) {
            throw new IllegalArgumentException("path and message must be one line without control characters");
        }
    }

    /**
     * Returns one line a user can act on: the path, a colon and the message,
     * e.g. {@code $.delegation.head: required property 'head' not found}.
     *
     * @return the path and message on one line
     */
    public String describe() {
        return path + ": " + message;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
