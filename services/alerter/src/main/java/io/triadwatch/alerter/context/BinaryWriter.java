package io.triadwatch.alerter.context;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** A growing big-endian byte buffer for {@link ContextCodec}: fixed-width numbers, length-prefixed UTF-8 strings. */
final class BinaryWriter {
    private ByteBuffer buffer;

    BinaryWriter(int expectedSize) {
        buffer = ByteBuffer.allocate(Math.max(16, expectedSize));
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
    }

    void writeByte(byte b) {
        ensure(1);
        buffer.put(b);
    }

    void writeBoolean(boolean b) {
        writeByte(b ? (byte) 1 : 0);
    }

    void writeInt(int i) {
        ensure(4);
        buffer.putInt(i);
    }

    void writeDouble(double d) {
        ensure(8);
        buffer.putDouble(d);
    }

    void writeInstant(Instant instant) {
        ensure(12);
        buffer.putLong(instant.getEpochSecond()).putInt(instant.getNano());
    }

    /** Writes a string, or null, as its UTF-8 length (-1 for null) and bytes. */
    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        ensure(utf8.length);
        buffer.put(utf8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
