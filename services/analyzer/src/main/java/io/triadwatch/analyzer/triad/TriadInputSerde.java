package io.triadwatch.analyzer.triad;

import io.triadwatch.analyzer.order.WatermarkCodec;
import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;

/**
 * The value serde of the internal {@code triad-inputs} and {@code triad-definitions} repartition
 * topics: a compact binary form of {@link TriadInput} (version {@value #VERSION}: the version byte,
 * the triad id, the move and the recent moves as {@link TriadAggregateCodec} writes them, the
 * definition, the removal flag; a {@link io.triadwatch.analyzer.order.Watermark} is version
 * {@value #MARK_VERSION}: the byte, the source as a var-int, the event time as a long). Why not JSON: every dyad update crosses it once per watching
 * triad. A record that starts with <code>{</code> is the JSON of an earlier build still in flight
 * during an upgrade, and is read as JSON (see {@link BinaryOrJsonSerde}).
 */
public final class TriadInputSerde extends BinaryOrJsonSerde<TriadInput> {
    /** The format version, the value's first byte. */
    static final int VERSION = 1;
    /** The first byte of a watermark. */
    static final int MARK_VERSION = 2;
    private static final String TYPE = "TriadInput";

    public TriadInputSerde() {
        super(TriadInput.class, TriadInputSerde::encode, TriadInputSerde::decode);
    }

    private static byte[] encode(TriadInput input) {
        if (input.mark() != null) {
            return WatermarkCodec.write(MARK_VERSION, input.mark());
        }
        BinaryWriter out = new BinaryWriter(160 + 96 * input.recent().size());
        out.writeByte(VERSION);
        out.writeString(input.triad());
        out.writeOptional(input.move(), TriadAggregateCodec::writeMove);
        out.writeList(input.recent(), TriadAggregateCodec::writeMove);
        TriadAggregateCodec.writeDefinition(out, input.definition());
        out.writeBoolean(input.removed());
        return out.toByteArray();
    }

    private static TriadInput decode(byte[] bytes) {
        if (WatermarkCodec.isMark(bytes, MARK_VERSION)) {
            return TriadInput.mark(WatermarkCodec.read(bytes, MARK_VERSION, TYPE));
        }
        return BinaryReader.readVersioned(bytes, VERSION, TYPE, in -> new TriadInput(in.readString(),
                in.readOptional(r -> TriadAggregateCodec.readMove(r, true)), in.readList(r -> TriadAggregateCodec.readMove(r, true)),
                TriadAggregateCodec.readDefinition(in), in.readBoolean()));
    }
}
