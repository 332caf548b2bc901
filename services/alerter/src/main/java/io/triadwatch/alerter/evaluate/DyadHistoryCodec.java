package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.EventKind;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.MalformedBinaryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A compact binary form of {@link DyadHistory}, the value of the {@code alerter-dyad-history-store}:
 * every field of every {@link DyadMove} and its {@link MoveStats}, doubles as raw bits, instants as
 * epoch seconds and nanos, nulls kept. Why not JSON: a history holds up to hundreds of moves, each with
 * an event summary, and is read and rewritten for every dyad state; its JSON was the largest part of
 * the alerter's serde CPU and of the changelog it writes. The first byte is a format version, never
 * {@code '{'}, and the serde ({@link #serde()}) still reads the JSON that older builds stored.
 * <p>
 * Version 1, after the version byte: a var-int count of moves, each move as its event id, kind name
 * (or null), trigger, instant, score, delta, impulse (presence byte, then the double), summary, earlier
 * stats (presence byte, then count as a long, mean, stddev and a counted list of doubles), z-score and
 * percentile (each a presence byte and the double); then a counted list of the recent doubles.
 */
public final class DyadHistoryCodec {
    /** The first byte of the current form. */
    static final byte VERSION = 1;
    /** About what a move takes with a short summary, to size the buffer once. */
    private static final int MOVE_BYTES = 160;
    /** The kinds by name, without the exception {@link EventKind#valueOf} throws for an unknown one. */
    private static final EventKind[] KINDS = EventKind.values();

    private DyadHistoryCodec() {
    }

    /** @return the serde of the {@code alerter-dyad-history-store} values: this form, or legacy JSON */
    public static Serde<DyadHistory> serde() {
        return BinaryOrJsonSerde.of(DyadHistory.class, DyadHistoryCodec::encode, DyadHistoryCodec::decode);
    }

    static byte[] encode(DyadHistory history) {
        BinaryWriter out = new BinaryWriter(16 + MOVE_BYTES * history.moves().size() + 8 * history.recent().size());
        out.writeByte(VERSION);
        out.writeVarInt(history.moves().size());
        for (DyadMove m : history.moves()) {
            out.writeString(m.eventId());
            out.writeString(m.kind() == null ? null : m.kind().name());
            out.writeString(m.trigger());
            out.writeInstant(m.asOf());
            out.writeDouble(m.score());
            out.writeDouble(m.delta());
            writeNullable(out, m.impulse());
            out.writeString(m.summary());
            MoveStats earlier = m.earlier();
            out.writeBoolean(earlier != null);
            if (earlier != null) {
                out.writeLong(earlier.count());
                out.writeDouble(earlier.mean());
                out.writeDouble(earlier.stddev());
                writeDoubles(out, earlier.recent());
            }
            writeNullable(out, m.zScore());
            writeNullable(out, m.percentile());
        }
        writeDoubles(out, history.recent());
        return out.toByteArray();
    }

    /** @throws MalformedBinaryException when {@code bytes} are not a history in the current form */
    static DyadHistory decode(byte[] bytes) {
        return BinaryReader.readVersioned(bytes, VERSION, "DyadHistory", DyadHistoryCodec::readHistory);
    }

    private static DyadHistory readHistory(BinaryReader in) {
        int size = in.readCount();
        List<DyadMove> moves = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String eventId = in.readString();
            if (eventId == null) {
                throw new MalformedBinaryException("move " + i + " without an event id");
            }
            EventKind kind = kind(in.readString());
            String trigger = in.readString();
            Instant asOf = in.readInstant();
            if (asOf == null) {
                throw new MalformedBinaryException("move " + i + " without an instant");
            }
            double score = in.readDouble();
            double delta = in.readDouble();
            Double impulse = readNullable(in);
            String summary = in.readString();
            MoveStats earlier = null;
            if (in.readBoolean()) {
                long count = in.readLong();
                double mean = in.readDouble();
                double stddev = in.readDouble();
                earlier = new MoveStats(count, mean, stddev, readDoubles(in));
            }
            Double zScore = readNullable(in);
            Double percentile = readNullable(in);
            moves.add(new DyadMove(eventId, kind, trigger, asOf, score, delta, impulse, summary, earlier, zScore, percentile));
        }
        return new DyadHistory(moves, readDoubles(in));
    }

    private static EventKind kind(String name) {
        if (name == null) {
            return null;
        }
        for (EventKind k : KINDS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new MalformedBinaryException("unknown event kind " + name);
    }

    private static void writeNullable(BinaryWriter out, Double value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullable(BinaryReader in) {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeDoubles(BinaryWriter out, List<Double> values) {
        out.writeVarInt(values.size());
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static List<Double> readDoubles(BinaryReader in) {
        int size = in.readCount();
        List<Double> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readDouble());
        }
        return values;
    }
}
