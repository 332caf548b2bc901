package io.triadwatch.alerter.context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/** Reads what {@link BinaryWriter} wrote; every malformed input is an {@link IOException}. */
final class BinaryReader {
    private final ByteBuffer buffer;

    BinaryReader(byte[] bytes) {
        buffer = ByteBuffer.wrap(bytes);
    }

    byte readByte() throws IOException {
        ensure(1);
        return buffer.get();
    }

    boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    int readInt() throws IOException {
        ensure(4);
        return buffer.getInt();
    }

    double readDouble() throws IOException {
        ensure(8);
        return buffer.getDouble();
    }

    Instant readInstant() throws IOException {
        ensure(12);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new IOException("corrupt instant " + seconds + "s " + nanos + "ns", e);
        }
    }

    String readString() throws IOException {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        ensure(length);
        String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return s;
    }

    /** @return a count of elements that each take at least a byte; a larger one is a corrupt value, not a reason to allocate */
    int readCount() throws IOException {
        int n = readInt();
        if (n < 0 || n > buffer.remaining()) {
            throw new IOException("corrupt count " + n);
        }
        return n;
    }

    private void ensure(int bytes) throws IOException {
        if (bytes < 0 || buffer.remaining() < bytes) {
            throw new IOException("value ends early: " + bytes + " more bytes wanted, " + buffer.remaining() + " left");
        }
    }
}
