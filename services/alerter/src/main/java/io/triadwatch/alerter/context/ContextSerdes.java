package io.triadwatch.alerter.context;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import io.triadwatch.serde.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the alerter's timeline and context stores, in {@link ContextCodec}'s binary form. A
 * value that starts with {@code '{'} is the JSON that builds before this form stored (same store
 * names, same changelogs), and is still read ({@link BinaryOrJsonSerde}), so state kept by an older build
 * survives the upgrade.
 */
public final class ContextSerdes {
    private ContextSerdes() {
    }

    /** @return the serde of the {@code alerter-triad-timeline-store} values */
    public static Serde<TriadTimeline> timelines() {
        return BinaryOrJsonSerde.of(TriadTimeline.class, ContextCodec::encode, ContextCodec::decodeTimeline);
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
            return BinaryOrJsonSerde.isJson(bytes) ? StoredContext.of(legacy.deserialize(topic, bytes)) : StoredContext.ofBytes(bytes);
        });
    }
}
