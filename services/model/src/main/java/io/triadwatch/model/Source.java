package io.triadwatch.model;

/**
 * Where an event comes from.
 *
 * @param name required, e.g. the publication or {@code GDELT}
 * @param url  optional link to the evidence
 */
public record Source(String name, String url) {
    public Source {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("$.source.name", "required source name is missing or blank");
        }
    }
}
