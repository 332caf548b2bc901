package io.triadwatch.alerter.process;

import java.time.Instant;
import java.util.HexFormat;

/** Keys of the deadline index: event time in a form that sorts as text, then the entry key. */
final class DeadlineKeys {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();

    private DeadlineKeys() {
    }

    /** @return the index key of an entry's deadline */
    static String of(Instant at, String entryKey) {
        return sortable(at) + "|" + entryKey;
    }

    /** @return the largest key of a deadline at or before {@code at} */
    static String upTo(Instant at) {
        return sortable(at) + "|\uffff";
    }

    /** @return the deadline of an index key */
    static Instant timeOf(String key) {
        return Instant.ofEpochMilli(Long.parseUnsignedLong(key.substring(0, 16), 16) ^ Long.MIN_VALUE);
    }

    // Flipping the sign bit maps signed order onto unsigned order, so 1961 sorts before 2024.
    private static String sortable(Instant at) {
        return HEX.toHexDigits(at.toEpochMilli() ^ Long.MIN_VALUE);
    }
}
