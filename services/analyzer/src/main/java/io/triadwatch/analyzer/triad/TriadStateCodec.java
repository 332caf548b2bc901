package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.model.state.TriadState;
import java.util.List;

/**
 * The binary form of the {@link TriadState} inside a {@link TriadAggregate} (see
 * {@link TriadAggregateCodec}): every field in declaration order, nullable ones with a presence
 * marker, so that the state reads back equal to the one written.
 */
final class TriadStateCodec {
    private TriadStateCodec() {
    }

    static void write(BinaryWriter out, TriadState state) {
        out.writeBoolean(state != null);
        if (state == null) {
            return;
        }
        out.writeString(state.triad());
        writeStrings(out, state.actors());
        out.writeString(state.label());
        out.writeVarInt(state.dyads().size());
        for (TriadState.DyadScore d : state.dyads()) {
            out.writeString(d.dyad());
            out.writeDouble(d.score());
            out.writeDouble(d.delta());
            out.writeInstant(d.asOf());
        }
        out.writeDouble(state.product());
        out.writeString(state.signClass());
        out.writeBoolean(state.balanced());
        out.writeString(state.pivot());
        out.writeBoolean(state.pivotConfigured());
        out.writeDouble(state.pivotAsymmetry());
        writeZeroSum(out, state.zeroSum());
        out.writeInstant(state.asOf());
        out.writeString(state.lastDyad());
        out.writeString(state.lastEventId());
        out.writeInstant(state.updatedAt());
    }

    static TriadState read(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new TriadState(in.readString(), readStrings(in), in.readString(), readScores(in), in.readDouble(), in.readString(),
                in.readBoolean(), in.readString(), in.readBoolean(), in.readDouble(), readZeroSum(in), in.readInstant(), in.readString(),
                in.readString(), in.readInstant());
    }

    private static List<TriadState.DyadScore> readScores(BinaryReader in) {
        return in.readList(r -> new TriadState.DyadScore(r.readString(), r.readDouble(), r.readDouble(), r.readInstant()));
    }

    private static void writeZeroSum(BinaryWriter out, TriadState.ZeroSumEvidence z) {
        out.writeBoolean(z != null);
        if (z == null) {
            return;
        }
        out.writeString(z.window());
        out.writeInt(z.moves());
        out.writeInt(z.opposing());
        out.writeInt(z.aligned());
        out.writeBoolean(z.ratio() != null);
        if (z.ratio() != null) {
            out.writeDouble(z.ratio());
        }
        out.writeString(z.verdict());
    }

    private static TriadState.ZeroSumEvidence readZeroSum(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new TriadState.ZeroSumEvidence(in.readString(), in.readInt(), in.readInt(), in.readInt(),
                in.readBoolean() ? in.readDouble() : null, in.readString());
    }

    /** Writes a list of (nullable) strings: its size, then each. */
    static void writeStrings(BinaryWriter out, List<String> values) {
        out.writeList(values, BinaryWriter::writeString);
    }

    /** @return a list written by {@link #writeStrings} */
    static List<String> readStrings(BinaryReader in) {
        return in.readList(BinaryReader::readString);
    }
}
