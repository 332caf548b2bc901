package io.triadwatch.analyzer.dyad;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The value serde of {@code dyad-state-store} (and so of its changelog,
 * {@code <application.id>-dyad-state-store-changelog}): a compact binary form of
 * {@link DyadAggregate}, written by {@link DyadAggregateCodec}, whose first byte is a format version
 * ({@value DyadAggregateCodec#VERSION}).
 * <p>
 * Why not JSON: the aggregate (the last state with its contributions, baseline and move history)
 * is read and rewritten on every impulse to the dyad; as JSON that round trip was about a fifth of
 * the analyzer's CPU. The binary form reads back exactly equal values (doubles bit for bit, instants
 * to the nanosecond), so the dyad states do not change.
 * <p>
 * The store keeps its name: a value that starts with <code>{</code> was written by the JSON serde of
 * earlier versions and is still read as JSON, so existing RocksDB state and changelogs restore and
 * are rewritten in the binary form on the dyad's next update (see {@link BinaryOrJsonSerde}). A value
 * that is neither throws {@link SerializationException}; null stays null (tombstones).
 */
public final class DyadAggregateSerde extends BinaryOrJsonSerde<DyadAggregate> {
    public DyadAggregateSerde() {
        super(DyadAggregate.class, DyadAggregateCodec::encode, DyadAggregateCodec::decode);
    }
}
