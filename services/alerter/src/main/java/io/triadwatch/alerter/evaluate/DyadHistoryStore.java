package io.triadwatch.alerter.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The dyads' histories in the {@code alerter-dyad-history-store}, one store entry per move, with the
 * histories of the dyads seen last kept decoded in memory.
 * <p>
 * Why: a history holds up to {@code maxMovesKept} (256) moves, and it used to be one value read, decoded,
 * re-encoded and written back (to RocksDB and its changelog) for every dyad state, tens of KiB per
 * state for a busy dyad: the largest part of the alerter's work and of what it made the broker write
 * (docs/benchmarks.md). Now a state costs a put of its own move, a delete of the move that falls out of
 * the bounds, and a put of the dyad's recent moves when they changed; a dyad's entries are read back
 * only when it is not in memory (after a restart, or when it was evicted).
 * <p>
 * Layout: {@code dyad} holds the head, a history without moves whose {@code recent} list is the
 * dyad's; {@code dyad|<event time><sequence>} holds one move, as a history of that one move (the
 * same codec, {@link DyadHistoryCodec}), with the event time as fixed-width hex (sign bit flipped, so
 * that keys sort by time, years before 1970 included) and a sequence that keeps moves of the same event
 * time in arrival order, as {@link DyadHistory#with} does. A head that still holds moves is a whole
 * history written by an earlier build: it is split into entries the first time its dyad is read.
 * <p>
 * The memory holds at most {@link #CACHED_MOVES} moves per store (per stream task), least recently used
 * dyads out first. Make a new one whenever the store may have been rolled back without this object
 * seeing it: each time the task is initialized (after an aborted transaction or a rebalance), as
 * {@link io.triadwatch.alerter.process.DyadAlertProcessor} does. Not thread-safe, like everything of one
 * stream task.
 */
public final class DyadHistoryStore {
    // Fixed-width lower-case hex: its string order is the unsigned numeric order, which sortable keys need.
    private static final HexFormat HEX = HexFormat.of();
    /** Moves kept decoded per store; a dyad's history holds at most {@code maxMovesKept}, 256 by default. */
    public static final int CACHED_MOVES = 16_384;
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, DyadHistory> store;
    private final int cachedMovesBound;
    private final Map<String, Loaded> memory = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedMoves;

    /** A dyad's history with the store key of each move, in the same order. */
    private record Loaded(DyadHistory history, List<String> keys) {
    }

    /** @param store the {@code alerter-dyad-history-store} */
    public DyadHistoryStore(KeyValueStore<String, DyadHistory> store) {
        this(store, CACHED_MOVES);
    }

    /** @param cachedMoves the bound of the moves held decoded, instead of {@link #CACHED_MOVES} */
    DyadHistoryStore(KeyValueStore<String, DyadHistory> store, int cachedMoves) {
        this.store = store;
        this.cachedMovesBound = cachedMoves;
    }

    /** @return the dyad's history, empty when it has none */
    public DyadHistory get(String dyad) {
        return loaded(dyad).history();
    }

    /**
     * Adds a move as {@link DyadHistory#with} does, writes what changed and returns the new history.
     *
     * @param recent    the analyzer's recent absolute moves as of this move; null or empty keeps the dyad's
     * @param retention moves older than the newest minus this are forgotten
     * @param max       at most this many moves are kept
     */
    public DyadHistory add(String dyad, DyadMove move, List<Double> recent, Duration retention, int max) {
        Loaded before = loaded(dyad);
        DyadHistory after = before.history().with(move, recent, retention, max);
        List<String> keys = new ArrayList<>(before.keys());
        List<DyadMove> sorted = new ArrayList<>(before.history().moves());
        int at = sorted.size();
        while (at > 0 && sorted.get(at - 1).asOf().isAfter(move.asOf())) {
            at--;
        }
        String key = moveKey(dyad, move.asOf(), at > 0 && sorted.get(at - 1).asOf().equals(move.asOf()) ? sequenceOf(keys.get(at - 1)) + 1 : 0);
        sorted.add(at, move);
        keys.add(at, key);
        int dropped = sorted.size() - after.moves().size();
        for (int i = 0; i < dropped; i++) {
            if (i != at) {
                store.delete(keys.get(i));
            }
        }
        List<String> kept = List.copyOf(keys.subList(dropped, keys.size()));
        if (at >= dropped) {
            store.put(key, new DyadHistory(List.of(move), List.of()));
        }
        if (!after.recent().equals(before.history().recent())) {
            store.put(dyad, new DyadHistory(List.of(), after.recent()));
        }
        remember(dyad, new Loaded(after, kept));
        return after;
    }

    private Loaded loaded(String dyad) {
        Loaded hit = memory.get(dyad);
        if (hit != null) {
            return hit;
        }
        DyadHistory head = store.get(dyad);
        Loaded read = head != null && !head.moves().isEmpty() ? split(dyad, head) : scan(dyad, head);
        remember(dyad, read);
        return read;
    }

    /** Reads a dyad's moves from their entries. */
    private Loaded scan(String dyad, DyadHistory head) {
        List<DyadMove> moves = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, DyadHistory> it = store.prefixScan(dyad + "|", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, DyadHistory> entry = it.next();
                moves.addAll(entry.value.moves());
                keys.add(entry.key);
            }
        }
        return new Loaded(new DyadHistory(moves, head == null ? List.of() : head.recent()), keys);
    }

    /** Splits a whole history of an earlier build into a head and one entry per move. */
    private Loaded split(String dyad, DyadHistory whole) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < whole.moves().size(); i++) {
            DyadMove move = whole.moves().get(i);
            boolean sameTime = i > 0 && whole.moves().get(i - 1).asOf().equals(move.asOf());
            String key = moveKey(dyad, move.asOf(), sameTime ? sequenceOf(keys.get(i - 1)) + 1 : 0);
            store.put(key, new DyadHistory(List.of(move), List.of()));
            keys.add(key);
        }
        store.put(dyad, new DyadHistory(List.of(), whole.recent()));
        return new Loaded(whole, keys);
    }

    private void remember(String dyad, Loaded loaded) {
        Loaded previous = memory.put(dyad, loaded);
        cachedMoves += weight(loaded) - (previous == null ? 0 : weight(previous));
        Iterator<Map.Entry<String, Loaded>> eldest = memory.entrySet().iterator();
        while (cachedMoves > cachedMovesBound && eldest.hasNext()) {
            Map.Entry<String, Loaded> e = eldest.next();
            if (!e.getKey().equals(dyad)) {
                cachedMoves -= weight(e.getValue());
                eldest.remove();
            }
        }
    }

    /** What a dyad counts against {@link #CACHED_MOVES}: its moves, and at least one, so that dyads without moves are bounded too. */
    private static int weight(Loaded loaded) {
        return Math.max(1, loaded.keys().size());
    }

    static String moveKey(String dyad, Instant at, int sequence) {
        return dyad + '|' + HEX.toHexDigits(at.getEpochSecond() ^ Long.MIN_VALUE) + HEX.toHexDigits(at.getNano()) + HEX.toHexDigits(sequence);
    }

    private static int sequenceOf(String key) {
        return Integer.parseUnsignedInt(key.substring(key.length() - 8), 16);
    }
}
