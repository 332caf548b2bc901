package io.triadwatch.alerter.store;

import io.triadwatch.serde.JsonSerde;
import io.triadwatch.serde.binary.BinaryReader;
import io.triadwatch.serde.binary.MalformedBinaryException;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the alerter's store values that moved from JSON to a compact binary form whose first
 * byte is a format version, never {@code '{'}. A value that starts with {@code '{'} is the JSON that
 * older builds stored under the same store and changelog, and is still read, so state kept by an
 * older build survives the upgrade; every new value is written in the binary form.
 */
public final class BinaryOrJson {
    private static final byte JSON_START = '{';

    private BinaryOrJson() {
    }

    /** Decodes the binary form of a value. */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * @param bytes a value in the binary form, never null
         * @return the value
         * @throws IOException when {@code bytes} are not a value in the current form (a
         *                     {@link MalformedBinaryException} means the same)
         */
        T decode(byte[] bytes) throws IOException;
    }

    /** Reads a value from the bytes after the version. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param in positioned after the version byte
         * @return the value
         * @throws IOException when the bytes are not a value (a {@link MalformedBinaryException} means the same)
         */
        T read(BinaryReader in) throws IOException;
    }

    /**
     * Reads a whole value in a versioned binary form: its version byte, the value, and nothing after.
     *
     * @param bytes   the value, never null
     * @param version the only version this build reads
     * @param reader  reads the value after the version byte
     * @return the value
     * @throws IOException when the version is another, the bytes end early, are malformed, or trail the value
     */
    public static <T> T decode(byte[] bytes, int version, Reader<T> reader) throws IOException {
        try {
            BinaryReader in = new BinaryReader(bytes);
            int found = in.readByte();
            if (found != version) {
                throw new IOException("unknown format version " + found + " (this build reads " + version + ")");
            }
            T value = reader.read(in);
            if (!in.atEnd()) {
                throw new IOException("trailing bytes after the value");
            }
            return value;
        } catch (MalformedBinaryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** @return true when {@code bytes} are the JSON of an older build rather than the binary form */
    public static boolean isJson(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == JSON_START;
    }

    /**
     * @param type   the value type, for the legacy JSON and for error messages
     * @param encode writes a value in the binary form
     * @param decode reads the binary form
     * @return a serde that writes the binary form and reads it or legacy JSON; null stays null
     *         (tombstones), and a value that cannot be read throws {@link SerializationException}
     */
    public static <T> Serde<T> serde(Class<T> type, Function<T, byte[]> encode, Decoder<T> decode) {
        Deserializer<T> legacy = JsonSerde.of(type).deserializer();
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode.apply(value), (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (isJson(bytes)) {
                return legacy.deserialize(topic, bytes);
            }
            try {
                return decode.decode(bytes);
            } catch (IOException | MalformedBinaryException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " (" + bytes.length
                        + " bytes) from " + topic + ": " + e.getMessage(), e);
            }
        });
    }
}
