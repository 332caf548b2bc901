package io.triadwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Checks shared by every event record's constructor. */
final class EventFields {
    // Compiled once: these checks run for every event decoded.
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    static final int MAX_ID = 128;
    static final int MAX_SUMMARY = 2000;
    static final int MAX_TEXT = 200;

    private EventFields() {
    }

    static void common(String id, Instant occurredAt, Double confidence, Source source, String summary) {
        if (id == null || id.isEmpty()) {
            throw new InvalidFieldException("$.id", "required property 'id' is missing");
        }
        if (id.length() > MAX_ID || !EVENT_ID.matcher(id).matches()) {
            throw new InvalidFieldException("$.id", "must be 1.." + MAX_ID + " characters of [A-Za-z0-9._:-], got '" + abbreviate(id) + "'");
        }
        if (occurredAt == null) {
            throw new InvalidFieldException("$.occurredAt", "required property 'occurredAt' is missing");
        }
        if (confidence != null && (confidence.isNaN() || confidence < 0 || confidence > 1)) {
            throw new InvalidFieldException("$.confidence", "must be between 0 and 1, got " + confidence);
        }
        if (source == null) {
            throw new InvalidFieldException("$.source", "required property 'source' is missing");
        }
        if (summary != null && summary.length() > MAX_SUMMARY) {
            throw new InvalidFieldException("$.summary", "longer than " + MAX_SUMMARY + " characters");
        }
    }

    static double confidenceOrDefault(Double confidence) {
        return confidence == null ? 1.0 : confidence;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "required property '" + field.substring(field.lastIndexOf('.') + 1) + "' is missing");
        }
        return value;
    }

    static String text(String value, String field, boolean required) {
        if (value == null) {
            return required ? required(null, field) : null;
        }
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidFieldException(field, "longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    static List<String> terms(List<String> terms, String field) {
        if (terms == null) {
            return List.of();
        }
        for (int i = 0; i < terms.size(); i++) {
            text(terms.get(i), field + "[" + i + "]", true);
        }
        return List.copyOf(terms);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
