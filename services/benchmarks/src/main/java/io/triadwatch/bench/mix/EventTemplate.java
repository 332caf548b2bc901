package io.triadwatch.bench.mix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.model.EventKind;
import io.triadwatch.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One real event used as a template: its canonical JSON cut around the values of {@code id} and
 * {@code occurredAt}, so that a copy with a fresh id and another date is three array copies, not a
 * JSON round trip. Everything else in the copy is byte-for-byte the real event.
 * <p>
 * Immutable and thread-safe.
 */
public final class EventTemplate {
    private static final String ID_MARK = "@@BENCH-ID@@";
    private static final String AT_MARK = "@@BENCH-AT@@";

    private final String source;
    private final String originalId;
    private final EventKind kind;
    private final byte[][] parts;
    private final boolean idFirst;

    private EventTemplate(String source, String originalId, EventKind kind, byte[][] parts, boolean idFirst) {
        this.source = source;
        this.originalId = originalId;
        this.kind = kind;
        this.parts = parts;
        this.idFirst = idFirst;
    }

    /**
     * Cuts {@code event} (a valid canonical event as a JSON object) into a template.
     *
     * @param source the mix source it came from, e.g. {@code gdelt}
     * @throws IllegalArgumentException when the object has no {@code id}, {@code kind} or {@code occurredAt}
     */
    public static EventTemplate of(String source, ObjectNode event) {
        Objects.requireNonNull(source, "source");
        if (!event.hasNonNull("id") || !event.hasNonNull("kind") || !event.hasNonNull("occurredAt")) {
            throw new IllegalArgumentException("an event template needs id, kind and occurredAt: " + event);
        }
        String originalId = event.get("id").asText();
        EventKind kind = EventKind.valueOf(event.get("kind").asText());
        ObjectNode marked = event.deepCopy();
        marked.put("id", ID_MARK);
        marked.put("occurredAt", AT_MARK);
        String json = Json.string(marked);
        int id = json.indexOf('"' + ID_MARK + '"');
        int at = json.indexOf('"' + AT_MARK + '"');
        if (id < 0 || at < 0 || json.indexOf(ID_MARK, id + 1 + ID_MARK.length()) >= 0 || json.indexOf(AT_MARK, at + 1 + AT_MARK.length()) >= 0) {
            throw new IllegalArgumentException("cannot cut event " + originalId + " into a template");
        }
        boolean idFirst = id < at;
        int first = Math.min(id, at);
        int second = Math.max(id, at);
        int firstEnd = first + (idFirst ? ID_MARK : AT_MARK).length() + 2;
        int secondEnd = second + (idFirst ? AT_MARK : ID_MARK).length() + 2;
        byte[][] parts = {
            bytes(json.substring(0, first + 1)),
            bytes(json.substring(firstEnd - 1, second + 1)),
            bytes(json.substring(secondEnd - 1))
        };
        return new EventTemplate(source, originalId, kind, parts, idFirst);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Renders a copy.
     *
     * @param id         the new id: letters, digits, {@code . _ : -} only (not escaped)
     * @param occurredAt the new event time, ISO-8601 (not escaped)
     * @return the copy's UTF-8 JSON
     */
    public byte[] render(String id, String occurredAt) {
        byte[] a = (idFirst ? id : occurredAt).getBytes(StandardCharsets.US_ASCII);
        byte[] b = (idFirst ? occurredAt : id).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[parts[0].length + a.length + parts[1].length + b.length + parts[2].length];
        int at = 0;
        System.arraycopy(parts[0], 0, out, at, parts[0].length);
        at += parts[0].length;
        System.arraycopy(a, 0, out, at, a.length);
        at += a.length;
        System.arraycopy(parts[1], 0, out, at, parts[1].length);
        at += parts[1].length;
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
        System.arraycopy(parts[2], 0, out, at, parts[2].length);
        return out;
    }

    /** @return the mix source, e.g. {@code demo}, {@code gdelt} */
    public String source() {
        return source;
    }

    /** @return the real event's id */
    public String originalId() {
        return originalId;
    }

    /** @return the event kind */
    public EventKind kind() {
        return kind;
    }

    /** @return the size of a copy without its id and date, in bytes */
    public int baseSize() {
        return parts[0].length + parts[1].length + parts[2].length;
    }
}
