package io.triadwatch.alerter.context;

import io.triadwatch.serde.binary.MalformedBinaryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched-triad context of each dyad, one store entry per reading: the
 * {@code alerter-dyad-readings-store} holds each triad state routed to a dyad under
 * {@code dyad|triad|<event time><sequence>} (fixed-width hex, so keys sort by event time, then arrival),
 * and the {@code alerter-dyad-triads-store} holds each dyad's triads with their {@link DyadTriads.Cursor}.
 * Why one entry per reading rather than one value per dyad: the context partition can run thousands of one
 * triad's readings ahead of the dyad's own states (docs/reliability.md, "The stall"), and a per-dyad value
 * rewritten on each of them made a reading cost as much as everything kept. Here a reading is a put and a
 * small cursor update, the readings as of a move are a reverse range scan, and dropping what no reading
 * can use any more is amortized over {@code kept} readings.
 * <p>
 * What is kept for a triad, as before this store: every reading dated after the dyad's progress (the event
 * time of its latest evaluated move); of those at or before it, the last {@code kept}, within
 * {@code retention} of it (and the one before that, which anchors a window); and at most {@link #CAP} in
 * all, past which the oldest go and a reading that would have used them is counted as truncated
 * ({@link DyadContext#truncatedAt}). Trimming happens at most every {@code kept} readings of a triad, so
 * more may be held than these bounds say; a reading at or after the progress reads the same either way.
 * Not thread-safe, like everything of one stream task.
 */
public final class DyadContextStore {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();
    private static final Logger LOG = LoggerFactory.getLogger(DyadContextStore.class);
    /**
     * At most this many readings of one triad in a dyad's context. Only a dyad whose own states stall far
     * behind its triads' ever reaches it; a put costs the same whatever the count, so the cap only keeps a
     * stalled dyad's readings from growing without end.
     */
    public static final int CAP = 65_536;
    private static final String SEQUENCE_MAX = "ffffffff";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> readings;
    private final KeyValueStore<String, DyadTriads> triads;
    private final Duration retention;
    private final int kept;

    /**
     * @param readings  the {@code alerter-dyad-readings-store}
     * @param triads    the {@code alerter-dyad-triads-store}
     * @param retention how much event time before the dyad's progress is kept
     * @param kept      how many readings a dyad alert uses per triad ({@code maxMovesKept})
     */
    public DyadContextStore(KeyValueStore<String, byte[]> readings, KeyValueStore<String, DyadTriads> triads, Duration retention, int kept) {
        this.readings = readings;
        this.triads = triads;
        this.retention = retention;
        this.kept = kept;
    }

    /**
     * Applies one triad update routed to {@code dyad}: a state is added, a state of the same move at the same
     * event time replaced, an announcement (no event time) adds the triad without a reading, a tombstone
     * forgets the triad and its readings.
     *
     * @param progress the event time of the latest move the dyad has had evaluated, or null when none has
     */
    public void apply(String dyad, TriadUpdate update, Instant progress) {
        DyadTriads current = triadsOf(dyad);
        String triad = update.triad();
        if (update.state() == null) {
            deleteRange(prefix(dyad, triad), null);
            DyadTriads next = current.without(triad);
            if (next.cursors().isEmpty()) {
                triads.delete(dyad);
            } else {
                triads.put(dyad, next);
            }
            return;
        }
        DyadTriads.Cursor cursor = current.cursors().getOrDefault(triad, DyadTriads.Cursor.EMPTY);
        if (update.state().asOf() == null) {
            if (!current.cursors().containsKey(triad)) {
                triads.put(dyad, current.with(triad, cursor));
            }
            return;
        }
        triads.put(dyad, current.with(triad, added(dyad, triad, TriadSnapshot.of(update.state()), cursor, progress)));
    }

    private DyadTriads.Cursor added(String dyad, String triad, TriadSnapshot snapshot, DyadTriads.Cursor cursor, Instant progress) {
        String instant = prefix(dyad, triad) + instant(snapshot.asOf());
        int replaced = 0;
        for (KeyValue<String, TriadSnapshot> same : readingsFrom(instant, instant + SEQUENCE_MAX, false, Integer.MAX_VALUE)) {
            if (same.value.moveKey().equals(snapshot.moveKey())) {
                readings.delete(same.key);
                replaced++;
            }
        }
        readings.put(instant + HEX.toHexDigits(cursor.next()), ContextCodec.encode(snapshot));
        Instant latest = cursor.latest() == null || snapshot.asOf().isAfter(cursor.latest()) ? snapshot.asOf() : cursor.latest();
        DyadTriads.Cursor next = new DyadTriads.Cursor(cursor.next() + 1, cursor.size() + 1 - replaced, cursor.sinceTrim() + 1, latest,
                cursor.droppedThrough());
        return next.sinceTrim() >= kept || next.size() > kept + CAP ? trimmed(dyad, triad, next, progress) : next;
    }

    /**
     * Drops what no reading at or after {@code progress} uses: readings dated more than the retention before
     * it (but the anchor), then all but the last {@code kept} at or before it; then the oldest beyond the cap.
     * Only the count bounds (not retention, which no window reaches past) move {@code droppedThrough}.
     */
    private DyadTriads.Cursor trimmed(String dyad, String triad, DyadTriads.Cursor cursor, Instant progress) {
        String prefix = prefix(dyad, triad);
        int size = cursor.size();
        Instant dropped = cursor.droppedThrough();
        if (progress != null) {
            String anchor = nthAtOrBefore(prefix, progress.minus(retention), 1);
            String bound = nthAtOrBefore(prefix, progress, kept);
            boolean byCount = bound != null && (anchor == null || bound.compareTo(anchor) > 0);
            String firstKept = byCount ? bound : anchor;
            if (firstKept != null) {
                Deleted deleted = deleteRange(prefix, firstKept);
                size -= deleted.count();
                if (byCount && deleted.count() > 0) {
                    dropped = later(dropped, deleted.lastAt());
                } else if (!byCount && dropped != null && atOf(anchor).isAfter(dropped)) {
                    // What the count bound dropped is older than the retention anchor: no reading misses it any more.
                    dropped = null;
                }
            }
        }
        if (size > kept + CAP) {
            String firstKept = nthFromOldest(prefix, size - kept - CAP);
            Deleted deleted = deleteRange(prefix, firstKept);
            size -= deleted.count();
            dropped = later(dropped, deleted.lastAt());
        }
        return new DyadTriads.Cursor(cursor.next(), size, 0, cursor.latest(), dropped);
    }

    /** @return the watched triads of {@code dyad}, none when it has none */
    public DyadTriads triadsOf(String dyad) {
        DyadTriads stored = triads.get(dyad);
        return stored == null ? DyadTriads.NONE : stored;
    }

    /**
     * The triads of {@code dyad} whose reading of the move of {@code cut} has not arrived. One triad's
     * readings arrive in the order the analyzer applied the moves, so once a reading dated after the move is
     * here, the move's own reading has come before it (or never will): waiting longer changes nothing.
     *
     * @return the triads without the move's own reading and without a reading dated after it, sorted
     */
    public List<String> missingReadings(String dyad, ContextCut cut) {
        List<String> missing = new ArrayList<>();
        triadsOf(dyad).cursors().forEach((triad, cursor) -> {
            if (cursor.latest() == null || !cursor.latest().isAfter(cut.at()) && !hasOwnReading(prefix(dyad, triad), cut)) {
                missing.add(triad);
            }
        });
        return missing;
    }

    /** An unreadable reading of the instant ends the wait (logged): waiting would not make it readable. */
    private boolean hasOwnReading(String prefix, ContextCut cut) {
        String instant = prefix + instant(cut.at());
        try {
            return readingsFrom(instant, instant + SEQUENCE_MAX, false, Integer.MAX_VALUE).stream().anyMatch(r -> cut.endsWith(r.value));
        } catch (IllegalStateException e) {
            LOG.error("a stored reading under {} cannot be read; the state at {} does not wait for it", instant, cut.at(), e);
            return true;
        }
    }

    /**
     * The context a dyad alert at {@code cut} reads: per triad, its readings up to the cut
     * ({@link TriadTimeline#upTo}), at most {@code kept}, or its earliest reading when all are later (states
     * applied out of order), with the triad's {@code droppedThrough}.
     *
     * @return the context, or null when the dyad is in no watched triad
     * @throws IllegalStateException when a stored reading cannot be read
     */
    public DyadContext readAt(String dyad, ContextCut cut) {
        DyadTriads known = triadsOf(dyad);
        if (known.cursors().isEmpty()) {
            return null;
        }
        Map<String, TriadTimeline> out = new TreeMap<>();
        known.cursors().forEach((triad, cursor) -> out.put(triad, new TriadTimeline(upTo(prefix(dyad, triad), cut), cursor.droppedThrough())));
        return new DyadContext(out);
    }

    private List<TriadSnapshot> upTo(String prefix, ContextCut cut) {
        String instant = prefix + instant(cut.at());
        List<TriadSnapshot> newestFirst = new ArrayList<>();
        boolean ownFound = false;
        try (KeyValueIterator<String, byte[]> it = readings.reverseRange(prefix, instant + SEQUENCE_MAX)) {
            while (it.hasNext() && newestFirst.size() < kept) {
                KeyValue<String, byte[]> next = it.next();
                TriadSnapshot snapshot = decode(next);
                // Of the readings at the cut's own instant, those the analyzer applied after the move are left out.
                if (!ownFound && next.key.startsWith(instant) && cut.endsWith(snapshot)) {
                    newestFirst.clear();
                    ownFound = true;
                }
                newestFirst.add(snapshot);
            }
        }
        if (!ownFound && cut.moveKey() != null) {
            // Read past kept at the instant itself only when it holds that many: then the own reading may be further back.
            newestFirst = withOwnReading(prefix, instant, cut, newestFirst);
        }
        if (newestFirst.isEmpty()) {
            return readingsFrom(prefix, prefix + "~", false, 1).stream().map(kv -> kv.value).toList();
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Rare: more than {@code kept} readings of the cut's instant; the own reading ends the cut wherever it is among them. */
    private List<TriadSnapshot> withOwnReading(String prefix, String instant, ContextCut cut, List<TriadSnapshot> newestFirst) {
        if (newestFirst.size() < kept || newestFirst.stream().anyMatch(s -> !s.asOf().equals(cut.at()))) {
            return newestFirst;
        }
        List<KeyValue<String, TriadSnapshot>> newest = readingsFrom(prefix, instant + SEQUENCE_MAX, true, Integer.MAX_VALUE);
        for (int i = 0; i < newest.size(); i++) {
            if (cut.endsWith(newest.get(i).value)) {
                return newest.subList(i, Math.min(newest.size(), i + kept)).stream().map(kv -> kv.value).toList();
            }
        }
        return newestFirst;
    }

    private List<KeyValue<String, TriadSnapshot>> readingsFrom(String from, String to, boolean newestFirst, int limit) {
        List<KeyValue<String, TriadSnapshot>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = newestFirst ? readings.reverseRange(from, to) : readings.range(from, to)) {
            while (it.hasNext() && out.size() < limit) {
                KeyValue<String, byte[]> next = it.next();
                out.add(KeyValue.pair(next.key, decode(next)));
            }
        }
        return out;
    }

    /** @return the key of the {@code n}th reading at or before {@code at}, counted from the newest, or null when there are fewer */
    private String nthAtOrBefore(String prefix, Instant at, int n) {
        try (KeyValueIterator<String, byte[]> it = readings.reverseRange(prefix, prefix + instant(at) + SEQUENCE_MAX)) {
            return nthKey(it, n - 1);
        }
    }

    /** @return the key of the reading after the oldest {@code n} */
    private String nthFromOldest(String prefix, int n) {
        try (KeyValueIterator<String, byte[]> it = readings.range(prefix, prefix + "~")) {
            return nthKey(it, n);
        }
    }

    /** @return the key {@code skip} entries on, or null when there are not that many */
    private static String nthKey(KeyValueIterator<String, byte[]> it, int skip) {
        for (int i = 0; it.hasNext(); i++) {
            String key = it.next().key;
            if (i == skip) {
                return key;
            }
        }
        return null;
    }

    private record Deleted(int count, Instant lastAt) {
    }

    /** Deletes the readings under {@code prefix} before {@code end} (all of them when null). */
    private Deleted deleteRange(String prefix, String end) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = readings.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                String key = it.next().key;
                if (end != null && key.compareTo(end) >= 0) {
                    break;
                }
                keys.add(key);
            }
        }
        keys.forEach(readings::delete);
        return new Deleted(keys.size(), keys.isEmpty() ? null : atOf(keys.get(keys.size() - 1)));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    private static TriadSnapshot decode(KeyValue<String, byte[]> entry) {
        try {
            return ContextCodec.decodeSnapshot(entry.value);
        } catch (MalformedBinaryException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new IllegalStateException("stored triad reading " + entry.key + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String prefix(String dyad, String triad) {
        return dyad + "|" + triad + "|";
    }

    /** Event time as fixed-width hex that sorts as the instant does: seconds (sign bit flipped), then nanos. */
    static String instant(Instant at) {
        return HEX.toHexDigits(at.getEpochSecond() ^ Long.MIN_VALUE) + HEX.toHexDigits(at.getNano());
    }

    /** @return the event time of a reading's key */
    private static Instant atOf(String key) {
        int sequence = key.length() - 8;
        String hex = key.substring(sequence - 24, sequence);
        return Instant.ofEpochSecond(Long.parseUnsignedLong(hex.substring(0, 16), 16) ^ Long.MIN_VALUE, Long.parseLong(hex.substring(16), 16));
    }
}
