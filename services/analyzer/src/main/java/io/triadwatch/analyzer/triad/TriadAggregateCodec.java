package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.ChannelSumsCodec;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.MalformedBinaryException;
import io.triadwatch.model.Triad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link TriadAggregate} (version {@value #VERSION}): the version byte, the
 * definition, the latest update of each dyad (from version 2 with its channel sums; version 1 still reads), the moves of the zero-sum window and the last state
 * ({@link TriadStateCodec}). Records are rebuilt through their constructors, so their checks run as
 * they did for JSON.
 * <p>
 * The moves name their dyad by an index into a table written before them: a triad's moves are on
 * at most three dyads, and one shared string per dyad keeps the value small.
 */
final class TriadAggregateCodec {
    /** The format version, the value's first byte. */
    static final int VERSION = 2;
    private static final int BYTES_PER_MOVE = 48;

    private TriadAggregateCodec() {
    }

    static byte[] encode(TriadAggregate aggregate) {
        BinaryWriter out = new BinaryWriter(256 + BYTES_PER_MOVE * aggregate.moves().size());
        out.writeByte(VERSION);
        writeDefinition(out, aggregate.definition());
        writeDyads(out, aggregate.dyads());
        writeMoves(out, aggregate.moves());
        TriadStateCodec.write(out, aggregate.state());
        return out.toByteArray();
    }

    static TriadAggregate decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readVersion(1, VERSION, "TriadAggregate");
        TriadAggregate aggregate = new TriadAggregate(readDefinition(in), readDyads(in, version >= 2), readMoves(in), TriadStateCodec.read(in));
        in.requireEnd("TriadAggregate");
        return aggregate;
    }

    static void writeDefinition(BinaryWriter out, Triad triad) {
        out.writeBoolean(triad != null);
        if (triad != null) {
            out.writeString(triad.id());
            TriadStateCodec.writeStrings(out, triad.actors());
            out.writeString(triad.pivot());
            out.writeString(triad.label());
        }
    }

    static Triad readDefinition(BinaryReader in) {
        return in.readBoolean() ? new Triad(in.readString(), TriadStateCodec.readStrings(in), in.readString(), in.readString()) : null;
    }

    private static void writeDyads(BinaryWriter out, Map<String, DyadMove> dyads) {
        out.writeVarInt(dyads.size());
        for (Map.Entry<String, DyadMove> entry : dyads.entrySet()) {
            out.writeString(entry.getKey());
            writeMove(out, entry.getValue());
        }
    }

    private static Map<String, DyadMove> readDyads(BinaryReader in, boolean withSums) {
        int count = in.readCount();
        Map<String, DyadMove> dyads = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            dyads.put(key, readMove(in, withSums));
        }
        return dyads;
    }

    /** Writes one dyad update, its channel sums last (behind a presence byte). */
    static void writeMove(BinaryWriter out, DyadMove d) {
        out.writeString(d.dyad());
        out.writeDouble(d.rawSum());
        out.writeInstant(d.asOf());
        out.writeDouble(d.score());
        out.writeDouble(d.delta());
        out.writeString(d.eventId());
        out.writeInstant(d.eventAt());
        out.writeBoolean(d.moved());
        out.writeOptional(d.sums(), ChannelSumsCodec::write);
    }

    /** @param withSums false for values written before moves carried channel sums */
    static DyadMove readMove(BinaryReader in, boolean withSums) {
        return new DyadMove(in.readString(), in.readDouble(), in.readInstant(), in.readDouble(), in.readDouble(), in.readString(),
                in.readInstant(), in.readBoolean(), withSums ? in.readOptional(ChannelSumsCodec::read) : null);
    }

    private static void writeMoves(BinaryWriter out, List<TriadAggregate.Move> moves) {
        List<String> table = new ArrayList<>(3);
        for (TriadAggregate.Move m : moves) {
            if (!table.contains(m.dyad())) {
                table.add(m.dyad());
            }
        }
        TriadStateCodec.writeStrings(out, table);
        out.writeVarInt(moves.size());
        for (TriadAggregate.Move m : moves) {
            out.writeVarInt(table.indexOf(m.dyad()));
            out.writeString(m.eventId());
            out.writeInstant(m.at());
            out.writeDouble(m.delta());
        }
    }

    private static List<TriadAggregate.Move> readMoves(BinaryReader in) {
        List<String> table = TriadStateCodec.readStrings(in);
        int count = in.readCount();
        List<TriadAggregate.Move> moves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int dyad = in.readVarInt();
            if (dyad >= table.size()) {
                throw new MalformedBinaryException("move " + i + " names dyad " + dyad + " of " + table.size());
            }
            moves.add(new TriadAggregate.Move(table.get(dyad), in.readString(), in.readInstant(), in.readDouble()));
        }
        return moves;
    }
}
