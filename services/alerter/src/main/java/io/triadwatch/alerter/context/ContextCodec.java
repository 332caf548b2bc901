package io.triadwatch.alerter.context;

import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.MalformedBinaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A compact binary form of triad timelines and dyad contexts, for the alerter's own stores: every
 * field of every snapshot, instants as epoch seconds and nanos. Why not JSON: these values hold up
 * to hundreds of snapshots and are read or rewritten on nearly every record, and their JSON (with
 * four ISO instants a snapshot) was most of the alerter's CPU. The first byte is a format version,
 * never {@code '{'}, so a reader can tell this form from the JSON that older builds stored. Version 2
 * adds each timeline's {@link TriadTimeline#droppedThrough}; version 1 is still read (as none dropped),
 * so the stores and changelogs of an earlier build restore.
 */
final class ContextCodec {
    /** The first byte of the current form. */
    static final byte VERSION = 2;
    /** The oldest form still read: without {@code droppedThrough}. */
    private static final int OLDEST = 1;
    /** About what a snapshot takes, to size the buffer once. */
    private static final int SNAPSHOT_BYTES = 160;

    private ContextCodec() {
    }

    static byte[] encode(TriadTimeline timeline) {
        BinaryWriter out = new BinaryWriter(8 + SNAPSHOT_BYTES * timeline.snapshots().size());
        out.writeByte(VERSION);
        writeTimeline(out, timeline);
        return out.toByteArray();
    }

    /** @throws MalformedBinaryException when {@code bytes} are not a timeline in the current form */
    static TriadTimeline decodeTimeline(byte[] bytes) {
        return readVersioned(bytes, "TriadTimeline", ContextCodec::readTimeline);
    }

    private static <T> T readVersioned(byte[] bytes, String what, BiFunction<BinaryReader, Integer, T> body) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readVersion(OLDEST, VERSION, what);
        T value = body.apply(in, version);
        in.requireEnd(what);
        return value;
    }

    private static void writeTimeline(BinaryWriter out, TriadTimeline timeline) {
        out.writeVarInt(timeline.snapshots().size());
        for (TriadSnapshot s : timeline.snapshots()) {
            writeSnapshot(out, s);
        }
        out.writeInstant(timeline.droppedThrough());
    }

    private static void writeSnapshot(BinaryWriter out, TriadSnapshot s) {
        out.writeInstant(s.asOf());
        out.writeString(s.lastDyad());
        out.writeString(s.lastEventId());
        out.writeBoolean(s.balanced());
        out.writeString(s.signClass());
        out.writeString(s.pivot());
        out.writeBoolean(s.pivotConfigured());
        out.writeDouble(s.pivotAsymmetry());
        out.writeDouble(s.product());
        out.writeString(s.verdict());
        out.writeVarInt(s.dyads().size());
        for (TriadState.DyadScore d : s.dyads()) {
            out.writeString(d.dyad());
            out.writeDouble(d.score());
            out.writeDouble(d.delta());
            out.writeInstant(d.asOf());
        }
    }

    private static TriadTimeline readTimeline(BinaryReader in, int version) {
        int size = in.readCount();
        List<TriadSnapshot> snapshots = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            snapshots.add(readSnapshot(in));
        }
        return new TriadTimeline(snapshots, version >= 2 ? in.readInstant() : null);
    }

    private static TriadSnapshot readSnapshot(BinaryReader in) {
        var asOf = in.readInstant();
        String lastDyad = in.readString();
        String lastEventId = in.readString();
        boolean balanced = in.readBoolean();
        String signClass = in.readString();
        String pivot = in.readString();
        boolean pivotConfigured = in.readBoolean();
        double pivotAsymmetry = in.readDouble();
        double product = in.readDouble();
        String verdict = in.readString();
        int scores = in.readCount();
        List<TriadState.DyadScore> dyads = new ArrayList<>(scores);
        for (int j = 0; j < scores; j++) {
            String dyad = in.readString();
            double score = in.readDouble();
            double delta = in.readDouble();
            dyads.add(new TriadState.DyadScore(dyad, score, delta, in.readInstant()));
        }
        return new TriadSnapshot(asOf, lastDyad, lastEventId, balanced, signClass, pivot, pivotConfigured,
                pivotAsymmetry, product, verdict, dyads);
    }

    /** One reading of the {@code alerter-dyad-readings-store}: a version byte, then the snapshot. */
    static byte[] encode(TriadSnapshot snapshot) {
        BinaryWriter out = new BinaryWriter(1 + SNAPSHOT_BYTES);
        out.writeByte(VERSION);
        writeSnapshot(out, snapshot);
        return out.toByteArray();
    }

    /** @throws MalformedBinaryException when {@code bytes} are not a snapshot in the current form */
    static TriadSnapshot decodeSnapshot(byte[] bytes) {
        return readVersioned(bytes, "TriadSnapshot", (in, version) -> readSnapshot(in));
    }

    /** A dyad's entry of the {@code alerter-dyad-triads-store}: a version byte, then each triad's cursor. */
    static byte[] encode(DyadTriads triads) {
        BinaryWriter out = new BinaryWriter(8 + 48 * triads.cursors().size());
        out.writeByte(VERSION);
        out.writeVarInt(triads.cursors().size());
        triads.cursors().forEach((triad, c) -> {
            out.writeString(triad);
            out.writeVarInt(c.next());
            out.writeVarInt(c.size());
            out.writeVarInt(c.sinceTrim());
            out.writeInstant(c.latest());
            out.writeInstant(c.droppedThrough());
        });
        return out.toByteArray();
    }

    /** @throws MalformedBinaryException when {@code bytes} are not a dyad's triads in the current form */
    static DyadTriads decodeTriads(byte[] bytes) {
        return readVersioned(bytes, "DyadTriads", (in, version) -> {
            int count = in.readCount();
            Map<String, DyadTriads.Cursor> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String triad = in.readString();
                if (triad == null) {
                    throw new MalformedBinaryException("dyad triads without a triad id");
                }
                out.put(triad, new DyadTriads.Cursor(in.readVarInt(), in.readVarInt(), in.readVarInt(), in.readInstant(), in.readInstant()));
            }
            return new DyadTriads(out);
        });
    }
}
