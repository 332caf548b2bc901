package io.triadwatch.analyzer.order;

import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.BinaryWriter;

/**
 * The binary form of a {@link Watermark} inside a repartition record: a first byte that no data
 * record of that topic starts with, the source as a var-int, the event time as a long.
 */
public final class WatermarkCodec {
    private WatermarkCodec() {
    }

    /** @return the watermark's bytes, behind {@code tag} */
    public static byte[] write(int tag, Watermark mark) {
        return new BinaryWriter(16).writeByte(tag).writeVarInt(mark.source()).writeLong(mark.millis()).toByteArray();
    }

    /** @return true when {@code bytes} start with {@code tag} */
    public static boolean isMark(byte[] bytes, int tag) {
        return bytes != null && bytes.length > 0 && (bytes[0] & 0xFF) == tag;
    }

    /**
     * @throws io.triadwatch.serde.binary.MalformedBinaryException when the bytes are not a whole watermark
     */
    public static Watermark read(byte[] bytes, int tag, String what) {
        return BinaryReader.readVersioned(bytes, tag, what + " watermark", in -> new Watermark(in.readVarInt(), in.readLong()));
    }
}
