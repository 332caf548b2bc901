package io.triadwatch.serde.binary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads what a {@link BinaryWriter} wrote, in the same order. A read past the end or a malformed
 * value throws {@link MalformedBinaryException}, so a serde can report the record as unreadable.
 */
public final class BinaryReader {
    private final byte[] bytes;
    private int position;

    /** @param bytes the value to read, not copied */
    public BinaryReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @return true when every byte has been read */
    public boolean atEnd() {
        return position == bytes.length;
    }

    /**
     * Reads a whole value: its version byte, its body, and nothing after it.
     *
     * @param what the value's type, for messages
     * @throws MalformedBinaryException when the version is another, the bytes end early, or bytes are left
     */
    public static <T> T readVersioned(byte[] bytes, int version, String what, Function<BinaryReader, T> body) {
        BinaryReader in = new BinaryReader(bytes);
        in.requireVersion(version, what);
        T value = body.apply(in);
        in.requireEnd(what);
        return value;
    }

    /**
     * Reads a value's first byte, its format version.
     *
     * @param version the only version this reader knows
     * @param what    the value's type, for the message
     * @throws MalformedBinaryException when the byte is another version
     */
    public void requireVersion(int version, String what) {
        int found = readByte();
        if (found != version) {
            throw new MalformedBinaryException("unknown " + what + " format version " + found);
        }
    }

    /**
     * Reads a value's first byte, its format version, when a reader knows several.
     *
     * @param oldest the oldest version this reader knows
     * @param newest the newest version this reader knows
     * @param what   the value's type, for the message
     * @return the version found
     * @throws MalformedBinaryException when the byte is none of them
     */
    public int readVersion(int oldest, int newest, String what) {
        int found = readByte();
        if (found < oldest || found > newest) {
            throw new MalformedBinaryException("unknown " + what + " format version " + found);
        }
        return found;
    }

    /**
     * @param what the value's type, for the message
     * @throws MalformedBinaryException when bytes are left after the value
     */
    public void requireEnd(String what) {
        if (!atEnd()) {
            throw new MalformedBinaryException("trailing bytes after a " + what + ": " + (bytes.length - position) + " at " + position);
        }
    }

    /** @return the next byte, 0 to 255 */
    public int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    /** @return the next boolean */
    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new MalformedBinaryException("a boolean byte is 0 or 1, got " + b + " at " + (position - 1));
        }
        return b == 1;
    }

    /** @return the next var-int */
    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new MalformedBinaryException("negative var-int at " + position);
                }
                return value;
            }
        }
        throw new MalformedBinaryException("var-int longer than 5 bytes at " + position);
    }

    /**
     * Reads how many elements follow; each takes at least one byte, so a count larger than the bytes
     * left is malformed (and would otherwise make the caller allocate for it).
     *
     * @return the next var-int, checked against the bytes left
     */
    public int readCount() {
        int count = readVarInt();
        if (count > bytes.length - position) {
            throw new MalformedBinaryException("count " + count + " exceeds the " + (bytes.length - position) + " bytes left at " + position);
        }
        return count;
    }

    /**
     * @param element reads one element
     * @return a list written by {@link BinaryWriter#writeList}: its count, then each element
     */
    public <T> List<T> readList(Function<BinaryReader, T> element) {
        int count = readCount();
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(element.apply(this));
        }
        return values;
    }

    /**
     * @param present reads the value when it is there
     * @return a value written by {@link BinaryWriter#writeOptional}, or null
     */
    public <T> T readOptional(Function<BinaryReader, T> present) {
        return readBoolean() ? present.apply(this) : null;
    }

    /** @return the next four bytes as an int */
    public int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    /** @return the next eight bytes as a long */
    public long readLong() {
        long high = readInt();
        return (high << 32) | (readInt() & 0xFFFF_FFFFL);
    }

    /** @return the next double, bit for bit */
    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    /** @return the next string, or null */
    public String readString() {
        int lengthPlusOne = readVarInt();
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        require(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** @return the next instant, or null */
    public Instant readInstant() {
        if (!readBoolean()) {
            return null;
        }
        long seconds = readLong();
        int nanos = readVarInt();
        if (nanos > 999_999_999) {
            throw new MalformedBinaryException("nanoseconds out of range: " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private void require(int count) {
        if (count > bytes.length - position) {
            throw new MalformedBinaryException("truncated: " + count + " more bytes wanted at " + position + " of " + bytes.length);
        }
    }
}
