package io.triadwatch.alerter.context;

import io.triadwatch.serde.JsonSerde;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the alerter's timeline and context stores, in {@link ContextCodec}'s binary form. A
 * value that starts with {@code '{'} is the JSON that builds before this form stored (same store
 * names, same changelogs), and is still read, so state kept by an older build survives the upgrade.
 */
public final class ContextSerdes {
    private static final byte JSON_START = '{';

    private ContextSerdes() {
    }

    /** @return the serde of the {@code alerter-triad-timeline-store} values */
    public static Serde<TriadTimeline> timelines() {
        Deserializer<TriadTimeline> legacy = JsonSerde.of(TriadTimeline.class).deserializer();
        return Serdes.serdeFrom((topic, value) -> value == null ? null : ContextCodec.encode(value), (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return legacy.deserialize(topic, bytes);
            }
            try {
                return ContextCodec.decodeTimeline(bytes);
            } catch (IOException e) {
                throw new SerializationException("cannot read a triad timeline from " + topic + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * @return the serde of the {@code alerter-dyad-context-store} values; a value is decoded only when
     *         its context is read ({@link StoredContext#context()})
     */
    public static Serde<StoredContext> contexts() {
        Deserializer<DyadContext> legacy = JsonSerde.of(DyadContext.class).deserializer();
        return Serdes.serdeFrom((topic, value) -> value == null ? null : value.bytes(), (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return bytes.length > 0 && bytes[0] == JSON_START ? StoredContext.of(legacy.deserialize(topic, bytes)) : StoredContext.ofBytes(bytes);
        });
    }
}
