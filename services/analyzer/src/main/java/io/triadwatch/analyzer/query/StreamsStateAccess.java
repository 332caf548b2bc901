package io.triadwatch.analyzer.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateAccess} over a running {@link KafkaStreams} (interactive queries v1): ownership and
 * standby hosts from {@link KafkaStreams#queryMetadataForKey}, with this instance known by its
 * {@code application.server}; stale copies (standbys, restoring actives) through
 * {@link StoreQueryParameters#enableStaleStores()} per partition, their lag from
 * {@link KafkaStreams#allLocalStorePartitionLags()}. Without {@code application.server} the instance
 * is alone and owns every key.
 */
public final class StreamsStateAccess implements StateAccess {
    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final Map<String, Integer> partitions;

    /**
     * @param streams the running streams, or a supplier of null before start
     * @param self    this instance's {@code application.server}, or a supplier of null when not set
     */
    public StreamsStateAccess(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this(streams, self, Map.of());
    }

    /**
     * @param partitions the partition count of each queryable store (its sub-topology's input), so
     *                   that a key's partition is known during a rebalance and a list can say which
     *                   partitions it is missing
     */
    public StreamsStateAccess(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, Map<String, Integer> partitions) {
        this.streams = streams;
        this.self = self;
        this.partitions = Map.copyOf(partitions);
    }

    @Override
    public Owner owner(String store, String key) {
        KafkaStreams ks = streams.get();
        int partition = partitionOf(store, key);
        if (ks == null) {
            return Owner.unavailable(partition, List.of(), "the analyzer has not started");
        }
        KafkaStreams.State state = ks.state();
        if (!(state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)) {
            return Owner.unavailable(partition, List.of(), "the analyzer is " + state);
        }
        HostInfo me = self.get();
        if (me == null) {
            return Owner.of(null, partition, List.of());
        }
        KeyQueryMetadata metadata = ks.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            return Owner.unavailable(partition, List.of(), "the analyzer is rebalancing: the owner of " + key + " is not known yet");
        }
        int known = metadata.partition() >= 0 ? metadata.partition() : partition;
        List<HostInfo> standbys = metadata.standbyHosts().stream().filter(h -> h.port() >= 0).toList();
        return Owner.of(metadata.activeHost().equals(me) ? null : metadata.activeHost(), known, standbys);
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
    public <V> Part<V> part(String store, int partition) {
        KafkaStreams ks = streams.get();
        if (ks == null || partition < 0) {
            return null;
        }
        return part(ks, store, partition, null);
    }

    @Override
    public <V> List<Part<V>> parts(String store) {
        KafkaStreams ks = streams.get();
        List<Part<V>> parts = new ArrayList<>();
        if (ks == null) {
            return parts;
        }
        Map<Integer, LagInfo> lags = lags(ks, store);
        for (int partition : new TreeSet<>(lags.keySet())) {
            Part<V> part = part(ks, store, partition, lags);
            if (part != null) {
                parts.add(part);
            }
        }
        return parts;
    }

    @Override
    public int partitions(String store) {
        return partitions.getOrDefault(store, 0);
    }

    @Override
    public String self() {
        HostInfo me = self.get();
        return me == null ? "this instance" : me.host() + ":" + me.port();
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

    /** The running active copy when there is one, else a standby or restoring copy, else null. */
    private static <V> Part<V> part(KafkaStreams ks, String store, int partition, Map<Integer, LagInfo> lags) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> active = StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
        ReadOnlyKeyValueStore<String, V> fresh = open(ks, active);
        if (fresh != null) {
            return new Part<>(partition, fresh, false, 0);
        }
        ReadOnlyKeyValueStore<String, V> stale = open(ks, active.enableStaleStores());
        if (stale == null) {
            return null;
        }
        LagInfo lag = (lags != null ? lags : lags(ks, store)).get(partition);
        return new Part<>(partition, stale, true, lag == null ? -1 : lag.offsetLag());
    }

    /** @return the store, probed (IQv1 resolves the underlying stores lazily), or null when it cannot be queried */
    private static <V> ReadOnlyKeyValueStore<String, V> open(KafkaStreams ks, StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters) {
        try {
            ReadOnlyKeyValueStore<String, V> store = ks.store(parameters);
            store.approximateNumEntries();
            return store;
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private static Map<Integer, LagInfo> lags(KafkaStreams ks, String store) {
        try {
            return ks.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        } catch (RuntimeException e) {
            // not started or shutting down: nothing local can be read
            return Map.of();
        }
    }

    /** The partition the default partitioner gives {@code key} (as the repartition topics do), or -1 when the count is unknown. */
    private int partitionOf(String store, String key) {
        int count = partitions(store);
        return count <= 0 ? -1 : Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
