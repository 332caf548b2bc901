package io.triadwatch.analyzer.dyad;

import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;
import io.triadwatch.serde.binary.MalformedBinaryException;

/** The binary form of {@link Combined} shared by the repartition record and the history point: the count, then the ids as a list. */
final class CombinedCodec {
    private CombinedCodec() {
    }

    static void write(BinaryWriter out, Combined combined) {
        out.writeInt(combined.count()).writeList(combined.topEventIds(), BinaryWriter::writeString);
    }

    /** @throws MalformedBinaryException when the values read are not a valid provenance */
    static Combined read(BinaryReader in) {
        int count = in.readInt();
        try {
            return new Combined(count, in.readList(BinaryReader::readString));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedBinaryException("invalid combined provenance: " + e.getMessage());
        }
    }
}
