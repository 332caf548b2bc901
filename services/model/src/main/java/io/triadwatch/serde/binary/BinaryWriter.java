package io.triadwatch.serde.binary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Appends primitive values to a growable byte array, big-endian, for compact store
 * values; {@link BinaryReader} reads them back in the same order. Not thread-safe.
 * <p>
 * Doubles are written as their raw bits and instants as seconds and nanoseconds, so every value
 * reads back exactly equal, as it did through JSON.
 */
public final class BinaryWriter {
    private byte[] buffer;
    private int size;

    /** @param capacity the initial capacity in bytes (it grows as needed) */
    public BinaryWriter(int capacity) {
        buffer = new byte[Math.max(16, capacity)];
    }

    /** @return the bytes written so far, as a new array */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Writes one byte. */
    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Writes a boolean as one byte. */
    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** Writes a non-negative int in 1 to 5 bytes, 7 bits a byte. */
    public BinaryWriter writeVarInt(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("a var-int is never negative, got " + value);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        return writeByte(v);
    }

    /** Writes a list: its size as a var-int, then each element with {@code element}. */
    public <T> BinaryWriter writeList(List<T> values, BiConsumer<BinaryWriter, T> element) {
        writeVarInt(values.size());
        for (T value : values) {
            element.accept(this, value);
        }
        return this;
    }

    /** Writes a value, or null: a presence byte, then (when not null) the value with {@code present}. */
    public <T> BinaryWriter writeOptional(T value, BiConsumer<BinaryWriter, T> present) {
        writeBoolean(value != null);
        if (value != null) {
            present.accept(this, value);
        }
        return this;
    }

    /** Writes four bytes. */
    public BinaryWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Writes eight bytes. */
    public BinaryWriter writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    /** Writes the raw bits of {@code value}, so that NaN, -0.0 and every other value read back identical. */
    public BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    /** Writes a string, or null: its UTF-8 length + 1 (0 for null), then its UTF-8 bytes. */
    public BinaryWriter writeString(String value) {
        if (value == null) {
            return writeVarInt(0);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length + 1);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Writes an instant, or null: a presence byte, then its epoch seconds and nanoseconds. */
    public BinaryWriter writeInstant(Instant value) {
        writeBoolean(value != null);
        if (value != null) {
            writeLong(value.getEpochSecond());
            writeVarInt(value.getNano());
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
