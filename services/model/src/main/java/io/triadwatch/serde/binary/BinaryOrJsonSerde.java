package io.triadwatch.serde.binary;

import io.triadwatch.serde.JsonSerde;
import java.time.DateTimeException;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of a store that moved from JSON to a compact binary form: it writes the binary
 * form, whose first byte is a format version and never <code>{</code>, and reads both. A value that
 * starts with <code>{</code> was written by the JSON serde of earlier builds and is read as JSON, so
 * existing RocksDB state and changelogs restore (and are rewritten in the binary form on the key's
 * next update). A value that is neither throws {@link SerializationException}, as does one that
 * breaks a record's rules; null stays null (tombstones).
 *
 * @param <T> the value type
 */
public class BinaryOrJsonSerde<T> implements Serde<T> {
    private static final byte JSON_OBJECT = '{';
    private final Class<T> type;
    private final Function<T, byte[]> encode;
    private final Function<byte[], T> decode;
    private final Deserializer<T> legacy;

    /**
     * @param type   the value type, also what the JSON of earlier builds is read as
     * @param encode the binary form of a (non-null) value, its first byte the format version
     * @param decode reads what {@code encode} wrote; throws {@link MalformedBinaryException} (or a
     *               record's own {@link IllegalArgumentException}, {@link NullPointerException},
     *               {@link DateTimeException}) for bytes it cannot read
     */
    protected BinaryOrJsonSerde(Class<T> type, Function<T, byte[]> encode, Function<byte[], T> decode) {
        this.type = Objects.requireNonNull(type, "type");
        this.encode = Objects.requireNonNull(encode, "encode");
        this.decode = Objects.requireNonNull(decode, "decode");
        this.legacy = JsonSerde.of(type).deserializer();
    }

    /** @return the serde of {@code type}, for a codec that needs no class of its own */
    public static <T> BinaryOrJsonSerde<T> of(Class<T> type, Function<T, byte[]> encode, Function<byte[], T> decode) {
        return new BinaryOrJsonSerde<>(type, encode, decode);
    }

    /** @return whether {@code bytes} hold the JSON that earlier builds stored, rather than the binary form */
    public static boolean isJson(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == JSON_OBJECT;
    }

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode.apply(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this::deserialize;
    }

    private T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (isJson(bytes)) {
            return legacy.deserialize(topic, bytes);
        }
        try {
            return decode.apply(bytes);
        } catch (MalformedBinaryException | DateTimeException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
