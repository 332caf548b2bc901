package io.triadwatch.alerter.context;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The watched triads a dyad belongs to, each with where its readings stand in the
 * {@code alerter-dyad-readings-store}; the value of the {@code alerter-dyad-triads-store}, keyed by dyad
 * ({@link DyadContextStore}). Small: a few triads per dyad, a few numbers each, whatever their readings.
 *
 * @param cursors triad id to cursor, sorted by triad id
 */
public record DyadTriads(Map<String, Cursor> cursors) {
    /** A dyad without triads. */
    public static final DyadTriads NONE = new DyadTriads(Map.of());

    public DyadTriads {
        cursors = cursors == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(cursors));
    }

    /**
     * Where one triad's readings stand.
     *
     * @param next           the sequence number of its next reading (orders readings of one instant as they arrived)
     * @param size           how many readings the store holds for it
     * @param sinceTrim      readings added since they were last trimmed ({@link DyadContextStore})
     * @param latest         the event time of its latest reading, or null before its first
     * @param droppedThrough the event time of the latest reading dropped to a count bound, or null when none was
     *                       (a reading with fewer states than it may use up to this time may miss some:
     *                       {@link DyadContext#truncatedAt})
     */
    public record Cursor(int next, int size, int sinceTrim, Instant latest, Instant droppedThrough) {
        /** A triad announced, without readings. */
        public static final Cursor EMPTY = new Cursor(0, 0, 0, null, null);

        public Cursor {
            if (next < 0 || size < 0 || sinceTrim < 0) {
                throw new IllegalArgumentException("cursor counts must not be negative: next " + next + ", size " + size + ", sinceTrim " + sinceTrim);
            }
        }
    }

    /** @return these triads with {@code triad} at {@code cursor} */
    public DyadTriads with(String triad, Cursor cursor) {
        Map<String, Cursor> next = new TreeMap<>(cursors);
        next.put(triad, cursor);
        return new DyadTriads(next);
    }

    /** @return these triads without {@code triad} */
    public DyadTriads without(String triad) {
        Map<String, Cursor> next = new TreeMap<>(cursors);
        next.remove(triad);
        return new DyadTriads(next);
    }

    /** @return the serde of the {@code alerter-dyad-triads-store} values, in {@link ContextCodec}'s binary form */
    public static Serde<DyadTriads> serde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : ContextCodec.encode(value),
                (topic, bytes) -> bytes == null ? null : ContextCodec.decodeTriads(bytes));
    }
}
