package io.triadwatch.alerter.context;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serde of the alerter's triad timeline store, in {@link ContextCodec}'s binary form. A value that
 * starts with {@code '{'} is the JSON that builds before this form stored (same store name, same
 * changelog), and is still read ({@link BinaryOrJsonSerde}), so state kept by an older build survives the
 * upgrade.
 */
public final class ContextSerdes {
    private ContextSerdes() {
    }

    /** @return the serde of the {@code alerter-triad-timeline-store} values */
    public static Serde<TriadTimeline> timelines() {
        return BinaryOrJsonSerde.of(TriadTimeline.class, ContextCodec::encode, ContextCodec::decodeTimeline);
    }
}
