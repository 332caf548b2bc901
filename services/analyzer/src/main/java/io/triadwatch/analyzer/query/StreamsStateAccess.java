package io.triadwatch.analyzer.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateAccess} over a running {@link KafkaStreams}: ownership from
 * {@link KafkaStreams#queryMetadataForKey}, with this instance known by its
 * {@code application.server}. Without {@code application.server} the instance is alone and owns
 * every key.
 */
public final class StreamsStateAccess implements StateAccess {
    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;

    /**
     * @param streams the running streams, or a supplier of null before start
     * @param self    this instance's {@code application.server}, or a supplier of null when not set
     */
    public StreamsStateAccess(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Owner owner(String store, String key) {
        KafkaStreams ks = streams.get();
        if (ks == null || !(ks.state() == KafkaStreams.State.RUNNING || ks.state() == KafkaStreams.State.REBALANCING)) {
            return Owner.UNAVAILABLE;
        }
        HostInfo me = self.get();
        if (me == null) {
            return Owner.LOCAL;
        }
        KeyQueryMetadata metadata = ks.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            return Owner.UNAVAILABLE;
        }
        return metadata.activeHost().equals(me) ? Owner.LOCAL : Owner.remote(metadata.activeHost());
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> local(String store) {
        KafkaStreams ks = streams.get();
        if (ks == null) {
            throw new InvalidStateStoreException("the analyzer has not started");
        }
        return ks.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    @Override
    public List<HostInfo> others(String store) {
        KafkaStreams ks = streams.get();
        HostInfo me = self.get();
        List<HostInfo> hosts = new ArrayList<>();
        if (ks == null || me == null) {
            return hosts;
        }
        for (StreamsMetadata metadata : ks.streamsMetadataForStore(store)) {
            if (!metadata.hostInfo().equals(me) && metadata.hostInfo().port() >= 0) {
                hosts.add(metadata.hostInfo());
            }
        }
        return hosts;
    }
}
