package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.binary.MalformedBinaryException;
import io.triadwatch.serde.JsonSerde;
import java.time.DateTimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of {@code triad-state-store} (and so of its changelog,
 * {@code <application.id>-triad-state-store-changelog}): a compact binary form of
 * {@link TriadAggregate}, written by {@link TriadAggregateCodec}, whose first byte is a format
 * version ({@value TriadAggregateCodec#VERSION}).
 * <p>
 * Why not JSON: the aggregate holds up to {@code zeroSumMovesKept} (200) moves and is read and
 * rewritten on every dyad move of the triad; as JSON that round trip was most of the triad stage's
 * CPU. The binary form reads back exactly equal values (doubles bit for bit, instants to the
 * nanosecond), so the triad states do not change.
 * <p>
 * The store keeps its name: a value that starts with <code>{</code> is one written by the JSON serde
 * of earlier versions and is still read as JSON, so existing RocksDB state and changelogs restore
 * and are rewritten in the binary form on the triad's next update. A value that is neither throws
 * {@link SerializationException}; null stays null (tombstones).
 */
public final class TriadAggregateSerde implements Serde<TriadAggregate> {
    private static final byte JSON_OBJECT = '{';
    private final Deserializer<TriadAggregate> legacy = JsonSerde.of(TriadAggregate.class).deserializer();

    @Override
    public Serializer<TriadAggregate> serializer() {
        return (topic, value) -> value == null ? null : TriadAggregateCodec.encode(value);
    }

    @Override
    public Deserializer<TriadAggregate> deserializer() {
        return this::deserialize;
    }

    private TriadAggregate deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
            return legacy.deserialize(topic, bytes);
        }
        try {
            return TriadAggregateCodec.decode(bytes);
        } catch (MalformedBinaryException | DateTimeException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("cannot read TriadAggregate from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
