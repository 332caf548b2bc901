package io.triadwatch.analyzer.dyad;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;

/**
 * The value serde of {@code dyad-history-store} (and its changelog): a compact binary form of
 * {@link HistoryPoint} (version {@value #VERSION}): the version byte, then every field in
 * declaration order (the kind by name, see {@link DyadStateCodec}). Values that start with
 * <code>{</code> are the JSON of earlier builds and still read (see {@link BinaryOrJsonSerde}).
 */
public final class HistoryPointSerde extends BinaryOrJsonSerde<HistoryPoint> {
    /** The format version, the value's first byte. */
    static final int VERSION = 1;
    private static final String TYPE = "HistoryPoint";

    public HistoryPointSerde() {
        super(HistoryPoint.class, HistoryPointSerde::encode, HistoryPointSerde::decode);
    }

    private static byte[] encode(HistoryPoint p) {
        BinaryWriter out = new BinaryWriter(96 + (p.summary() == null ? 0 : 3 * p.summary().length()));
        out.writeByte(VERSION);
        out.writeInstant(p.at());
        out.writeDouble(p.score());
        out.writeDouble(p.delta());
        out.writeDouble(p.rawSum());
        out.writeDouble(p.impulse());
        out.writeString(p.eventId());
        DyadStateCodec.writeKind(out, p.kind());
        out.writeString(p.summary());
        return out.toByteArray();
    }

    private static HistoryPoint decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        in.requireVersion(VERSION, TYPE);
        HistoryPoint point = new HistoryPoint(in.readInstant(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readString(),
                DyadStateCodec.readKind(in), in.readString());
        in.requireEnd(TYPE);
        return point;
    }
}
