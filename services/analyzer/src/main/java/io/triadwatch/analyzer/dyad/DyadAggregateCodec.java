package io.triadwatch.analyzer.dyad;

import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;

/**
 * The binary form of a {@link DyadAggregate} (version {@value #VERSION}): the version byte, the last
 * state ({@link DyadStateCodec}; from version 2 with its channel sums; version 1 still reads), the move stats, the history count, the two instants and the recent
 * event times. Doubles are written as raw bits and instants as seconds and nanoseconds, so every
 * field reads back exactly equal; records are rebuilt through their constructors.
 */
final class DyadAggregateCodec {
    /** The format version, the value's first byte. */
    static final int VERSION = 2;
    private static final String TYPE = "DyadAggregate";

    private DyadAggregateCodec() {
    }

    static byte[] encode(DyadAggregate aggregate) {
        MoveStats moves = aggregate.moves();
        int contributions = aggregate.state().contributions().size();
        BinaryWriter out = new BinaryWriter(512 + 96 * contributions + 8 * (moves.recent().size() + aggregate.recentTimes().size()));
        out.writeByte(VERSION);
        DyadStateCodec.write(out, aggregate.state());
        out.writeLong(moves.count());
        out.writeDouble(moves.mean());
        out.writeDouble(moves.m2());
        out.writeList(moves.recent(), BinaryWriter::writeDouble);
        out.writeLong(aggregate.historyPoints());
        out.writeInstant(aggregate.lastVoteAt());
        out.writeInstant(aggregate.trimmedThrough());
        out.writeList(aggregate.recentTimes(), BinaryWriter::writeLong);
        return out.toByteArray();
    }

    static DyadAggregate decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readVersion(1, VERSION, TYPE);
        DyadAggregate aggregate = new DyadAggregate(DyadStateCodec.read(in, version >= 2),
                new MoveStats(in.readLong(), in.readDouble(), in.readDouble(), in.readList(BinaryReader::readDouble)), in.readLong(), in.readInstant(),
                in.readInstant(), in.readList(BinaryReader::readLong));
        in.requireEnd(TYPE);
        return aggregate;
    }
}
