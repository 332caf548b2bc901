package io.triadwatch.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.triadwatch.model.InvalidFieldException;
import io.triadwatch.model.RejectReason;
import io.triadwatch.schemas.SchemaCatalog;
import io.triadwatch.schemas.SchemaName;
import io.triadwatch.schemas.SchemaViolation;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decodes untrusted JSON into a contract type in four checks, stopping at the first that fails:
 * size, JSON syntax, the JSON Schema of the topic, then the record's own constructor rules (for
 * example, that an actor is a real ISO 3166-1 alpha-3 code). Every rejection names the field.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @param <T> the contract type
 */
public final class ValidatingCodec<T> {
    /** Default size limit of one input document, documented in the README. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    private static final int MAX_LISTED_VIOLATIONS = 3;

    private final SchemaName schema;
    private final Class<T> type;
    private final int maxBytes;
    private final ObjectMapper mapper = Json.mapper();

    /**
     * @param schema   the topic's JSON Schema
     * @param type     the record (or sealed interface) it maps to
     * @param maxBytes the largest document accepted
     */
    public ValidatingCodec(SchemaName schema, Class<T> type, int maxBytes) {
        this.schema = schema;
        this.type = type;
        this.maxBytes = maxBytes;
    }

    /** @return a codec with {@link #DEFAULT_MAX_BYTES} */
    public static <T> ValidatingCodec<T> of(SchemaName schema, Class<T> type) {
        return new ValidatingCodec<>(schema, type, DEFAULT_MAX_BYTES);
    }

    /** @return the size limit in bytes */
    public int maxBytes() {
        return maxBytes;
    }

    /** Decodes raw bytes; never throws for bad input. */
    public Decoded<T> decode(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return reject(RejectReason.INVALID_JSON, "$", "empty input: expected a JSON object", null);
        }
        if (raw.length > maxBytes) {
            return reject(RejectReason.TOO_LARGE, "$", "document is " + raw.length + " bytes, above the limit of " + maxBytes, null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.INVALID_JSON, "$", "not valid JSON: " + e.getOriginalMessage() + locationOf(e), null);
        } catch (IOException e) {
            return reject(RejectReason.INVALID_JSON, "$", "unreadable input: " + e.getMessage(), null);
        }
        return decode(node);
    }

    /** Decodes a parsed document; never throws for bad input. */
    public Decoded<T> decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return reject(RejectReason.SCHEMA, "$", "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()), null);
        }
        String id = node.path("id").isTextual() ? node.path("id").asText() : null;
        List<SchemaViolation> violations = SchemaCatalog.shared().validate(schema, node);
        if (!violations.isEmpty()) {
            String detail = violations.stream().limit(MAX_LISTED_VIOLATIONS).map(SchemaViolation::describe).collect(Collectors.joining("; "));
            if (violations.size() > MAX_LISTED_VIOLATIONS) {
                detail += "; and " + (violations.size() - MAX_LISTED_VIOLATIONS) + " more";
            }
            return reject(RejectReason.SCHEMA, violations.get(0).path(), detail, id);
        }
        try {
            return Decoded.accepted(mapper.treeToValue(node, type));
        } catch (JsonMappingException e) {
            InvalidFieldException invalid = findInvalidField(e);
            if (invalid != null) {
                return reject(invalid.reason(), invalid.field(), invalid.getMessage(), id);
            }
            return reject(RejectReason.SCHEMA, pathOf(e), e.getOriginalMessage(), id);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.SCHEMA, "$", e.getOriginalMessage(), id);
        }
    }

    /** Serializes a value to UTF-8 JSON. */
    public byte[] encode(T value) {
        return Json.bytes(value);
    }

    private Decoded<T> reject(RejectReason reason, String field, String detail, String id) {
        return Decoded.rejected(new Rejection(reason, field, detail, id));
    }

    private static InvalidFieldException findInvalidField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
