package io.triadwatch.adapters.input;

import java.util.List;

/**
 * One input record.
 *
 * @param line   the 1-based physical line where the record starts
 * @param fields the fields, unmodified (no trimming)
 */
public record Row(long line, List<String> fields) {
    public Row {
        fields = List.copyOf(fields);
    }

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /** @return field {@code index} (0-based) */
    public String get(int index) {
        return fields.get(index);
    }
}
