package io.triadwatch.analyzer.dyad;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.ChannelSumsCodec;
import io.triadwatch.serde.binary.BinaryWriter;

/**
 * The value serde of {@code dyad-history-store} (and its changelog): a compact binary form of
 * {@link HistoryPoint} (version {@value #VERSION}): the version byte, then every field in
 * declaration order (the kind by name, see {@link DyadStateCodec}; the two channel vectors by
 * {@link ChannelSumsCodec}; version 3 adds the {@link Combined} provenance behind a presence byte).
 * Versions 1 (without the vectors, read as all curated) and 2 (never combined) still read. Values that start with
 * <code>{</code> are the JSON of earlier builds and still read (see {@link BinaryOrJsonSerde}).
 */
public final class HistoryPointSerde extends BinaryOrJsonSerde<HistoryPoint> {
    /** The format version, the value's first byte. */
    static final int VERSION = 3;
    private static final String TYPE = "HistoryPoint";

    public HistoryPointSerde() {
        super(HistoryPoint.class, HistoryPointSerde::encode, HistoryPointSerde::decode);
    }

    private static byte[] encode(HistoryPoint p) {
        BinaryWriter out = new BinaryWriter(240 + (p.summary() == null ? 0 : 3 * p.summary().length()));
        out.writeByte(VERSION);
        out.writeInstant(p.at());
        out.writeDouble(p.score());
        out.writeDouble(p.delta());
        out.writeDouble(p.rawSum());
        out.writeDouble(p.impulse());
        out.writeString(p.eventId());
        DyadStateCodec.writeKind(out, p.kind());
        out.writeString(p.summary());
        ChannelSumsCodec.write(out, p.sums());
        ChannelSumsCodec.write(out, p.impulseSums());
        out.writeOptional(p.combined(), CombinedCodec::write);
        return out.toByteArray();
    }

    private static HistoryPoint decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readVersion(1, VERSION, TYPE);
        HistoryPoint point = new HistoryPoint(in.readInstant(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readString(),
                DyadStateCodec.readKind(in), in.readString(), version < 2 ? null : ChannelSumsCodec.read(in),
                version < 2 ? null : ChannelSumsCodec.read(in), version < 3 ? null : in.readOptional(CombinedCodec::read));
        in.requireEnd(TYPE);
        return point;
    }
}
