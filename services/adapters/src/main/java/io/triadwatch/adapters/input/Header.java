package io.triadwatch.adapters.input;

import io.triadwatch.adapters.InvalidInputException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Column positions found by header name, so that column order does not matter. Immutable. */
public final class Header {
    private final Map<String, Integer> index;
    private final int width;

    private Header(Map<String, Integer> index, int width) {
        this.index = Map.copyOf(index);
        this.width = width;
    }

    /**
     * Reads the header row and checks that every required column is there; on failure closes
     * {@code rows}.
     *
     * @param input    the input's name, for the message
     * @param format   the format's name, for the message
     * @param required the column names that must be present
     * @throws InvalidInputException when the input is empty or a required column is missing
     */
    public static Header read(RowReader rows, String input, String format, List<String> required) throws IOException {
        try {
            Row header = rows.next();
            if (header == null) {
                throw new InvalidInputException(input, "empty: expected a " + format + " header row");
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).strip(), i);
            }
            for (String column : required) {
                if (!index.containsKey(column)) {
                    throw new InvalidInputException(input, "not a " + format + " file: the header lacks column '" + column
                            + "' (header: " + header.fields() + ")");
                }
            }
            return new Header(index, header.size());
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    /**
     * Tells whether a row could be the header of a format, as {@link #read} would accept it.
     *
     * @param fields   the row's fields
     * @param required the column names that must be present
     * @return true when every required name is among the fields (surrounding whitespace ignored)
     */
    public static boolean names(List<String> fields, List<String> required) {
        return fields.stream().map(String::strip).collect(java.util.stream.Collectors.toSet()).containsAll(required);
    }

    /** @return the number of columns of the header */
    public int width() {
        return width;
    }

    /**
     * @return the field of {@code column}, surrounding whitespace (including line breaks) removed
     * @throws IllegalArgumentException when the header has no such column
     */
    public String get(Row row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + column + "' in the header");
        }
        return row.get(i).strip();
    }

    /** @return the field of {@code column}, stripped, or "" when the header has no such column */
    public String getOrEmpty(Row row, String column) {
        Integer i = index.get(column);
        return i == null ? "" : row.get(i).strip();
    }
}
