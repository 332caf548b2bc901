package io.triadwatch.analyzer.dyad;

import java.time.Instant;
import java.util.HexFormat;

/**
 * Keys of the history store, {@code DYAD|TIME|EVENT}, where TIME is the event time as 16 hex
 * digits with the sign bit flipped, so that byte order is time order (also before 1970) and a
 * range scan over {@code [from, to]} reads one dyad's points in time order.
 */
public final class HistoryKeys {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();

    private HistoryKeys() {
    }

    /** @return the key of one point */
    public static String key(String dyad, Instant at, String eventId) {
        return dyad + "|" + time(at) + "|" + eventId;
    }

    /** @return the smallest key of {@code dyad} at or after {@code from} */
    public static String from(String dyad, Instant from) {
        return dyad + "|" + (from == null ? "" : time(from));
    }

    /** @return a key above every key of {@code dyad} at or before {@code to} */
    public static String to(String dyad, Instant to) {
        return dyad + "|" + (to == null ? "~" : time(to) + "|~");
    }

    private static String time(Instant at) {
        return HEX.toHexDigits(at.toEpochMilli() ^ Long.MIN_VALUE);
    }
}
