package io.triadwatch.analyzer.triad;

import io.triadwatch.serde.binary.BinaryOrJsonSerde;
import org.apache.kafka.common.errors.SerializationException;

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
 * and are rewritten in the binary form on the triad's next update (see {@link BinaryOrJsonSerde}).
 * A value that is neither throws {@link SerializationException}; null stays null (tombstones).
 */
public final class TriadAggregateSerde extends BinaryOrJsonSerde<TriadAggregate> {
    public TriadAggregateSerde() {
        super(TriadAggregate.class, TriadAggregateCodec::encode, TriadAggregateCodec::decode);
    }
}
