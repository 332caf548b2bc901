package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.analyzer.impulse.ResolvedRank;
import io.triadwatch.analyzer.order.Watermark;
import io.triadwatch.analyzer.order.WatermarkCodec;
import io.triadwatch.model.Tier;
import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.ChannelSumsCodec;
import io.triadwatch.serde.binary.MalformedBinaryException;

/**
 * The value serde of the internal {@code dyad-inputs} and {@code dyad-memberships} repartition
 * topics: a compact binary form of {@link DyadInput} (version {@value #VERSION}: the version byte,
 * then every field in declaration order, nullable ones behind a presence byte, enums by name).
 * Version 2 added an impulse's {@link Combined} provenance at its end; version 1 still reads (not combined).
 * <p>
 * A {@link Watermark} is written as version {@value #MARK_VERSION}: the byte, the source as a
 * var-int, the event time as a long; impulses and memberships keep version {@value #VERSION}.
 * <p>
 * Why not JSON: every impulse of every event crosses this topic once, and its JSON (with the
 * channel vector) was larger than the event itself; the public topics stay JSON. A record that
 * starts with <code>{</code> is the JSON of an earlier build still in flight during an upgrade, and
 * is read as JSON (see {@link BinaryOrJsonSerde}).
 */
public final class DyadInputSerde extends BinaryOrJsonSerde<DyadInput> {
    /** The format version, the value's first byte. */
    static final int VERSION = 2;
    /** The first byte of a watermark. */
    static final int MARK_VERSION = 3;
    private static final String TYPE = "DyadInput";

    public DyadInputSerde() {
        super(DyadInput.class, DyadInputSerde::encode, DyadInputSerde::decode);
    }

    private static byte[] encode(DyadInput input) {
        if (input.mark() != null) {
            return WatermarkCodec.write(MARK_VERSION, input.mark());
        }
        BinaryWriter out = new BinaryWriter(192);
        out.writeByte(VERSION);
        out.writeString(input.dyad());
        out.writeOptional(input.impulse(), DyadInputSerde::writeImpulse);
        out.writeString(input.triad());
        out.writeOptional(input.watched(), BinaryWriter::writeBoolean);
        return out.toByteArray();
    }

    private static DyadInput decode(byte[] bytes) {
        if (WatermarkCodec.isMark(bytes, MARK_VERSION)) {
            return DyadInput.mark(WatermarkCodec.read(bytes, MARK_VERSION, TYPE));
        }
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readVersion(1, VERSION, TYPE);
        DyadInput input = new DyadInput(in.readString(), in.readOptional(r -> readImpulse(r, version)), in.readString(),
                in.readOptional(BinaryReader::readBoolean));
        in.requireEnd(TYPE);
        return input;
    }

    private static void writeImpulse(BinaryWriter out, ImpulseInput i) {
        out.writeString(i.eventId());
        DyadStateCodec.writeKind(out, i.kind());
        out.writeInstant(i.occurredAt());
        out.writeLong(i.appendedAt());
        out.writeDouble(i.impulse());
        ChannelSumsCodec.write(out, i.sums());
        out.writeString(i.summary());
        out.writeOptional(i.visit(), DyadInputSerde::writeVisit);
        out.writeOptional(i.vote(), (w, v) -> w.writeString(v.draft()).writeBoolean(v.agreed()));
        out.writeOptional(i.combined(), CombinedCodec::write);
    }

    private static ImpulseInput readImpulse(BinaryReader in, int version) {
        return new ImpulseInput(in.readString(), DyadStateCodec.readKind(in), in.readInstant(), in.readLong(), in.readDouble(),
                ChannelSumsCodec.read(in), in.readString(), in.readOptional(DyadInputSerde::readVisit),
                in.readOptional(r -> new DyadImpulse.VoteFacts(r.readString(), r.readBoolean())),
                version < 2 ? null : in.readOptional(CombinedCodec::read));
    }

    private static void writeVisit(BinaryWriter out, DyadImpulse.VisitFacts v) {
        out.writeString(v.host());
        out.writeString(v.guest());
        out.writeString(v.occasion());
        out.writeString(v.head());
        ResolvedRank r = v.rank();
        out.writeString(r.tier().name());
        out.writeOptional(r.rank(), BinaryWriter::writeInt);
        out.writeOptional(r.rankOf(), BinaryWriter::writeInt);
        out.writeString(r.source());
        out.writeDouble(r.weight());
        out.writeString(r.registryKey());
    }

    private static DyadImpulse.VisitFacts readVisit(BinaryReader in) {
        String host = in.readString();
        String guest = in.readString();
        String occasion = in.readString();
        String head = in.readString();
        String tier = in.readString();
        Tier parsed;
        try {
            parsed = Tier.valueOf(tier);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedBinaryException("unknown tier " + tier);
        }
        ResolvedRank rank = new ResolvedRank(parsed, in.readOptional(BinaryReader::readInt), in.readOptional(BinaryReader::readInt), in.readString(),
                in.readDouble(), in.readString());
        return new DyadImpulse.VisitFacts(host, guest, occasion, head, rank);
    }
}
