package io.triadwatch.analyzer.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the analyzer's queryable state lives: which instance owns a key (and which hold standby
 * copies of it), this instance's stores and partitions, and the other instances. Implemented over
 * {@link org.apache.kafka.streams.KafkaStreams}; tests can implement it over a TopologyTestDriver
 * (the default methods then describe one instance holding everything, fresh).
 */
public interface StateAccess {
    /**
     * Who owns {@code key} of {@code store}.
     *
     * @return {@link Owner#LOCAL}, a remote owner, or an unavailable one (rebalancing, not started),
     *         each with the key's partition and standby hosts where known
     */
    Owner owner(String store, String key);

    /**
     * This instance's active, running part of {@code store} (every partition it owns).
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while it cannot be queried
     */
    <V> ReadOnlyKeyValueStore<String, V> local(String store);

    /** @return the other instances that hold part of {@code store} (empty for a single instance) */
    List<HostInfo> others(String store);

    /**
     * This instance's copy of one partition of {@code store}: fresh when it is the running active
     * copy, stale (with its lag) when it is a standby or an active copy still restoring.
     *
     * @return the copy, or null when this instance holds none that can be read
     */
    default <V> Part<V> part(String store, int partition) {
        return partition < 0 ? new Part<>(partition, local(store), false, 0) : null;
    }

    /** @return every partition of {@code store} this instance can read, fresh or stale */
    default <V> List<Part<V>> parts(String store) {
        return List.of(new Part<>(-1, local(store), false, 0));
    }

    /** @return how many partitions {@code store} has, or 0 when unknown (then no partition is reported missing) */
    default int partitions(String store) {
        return 0;
    }

    /** @return this instance as other instances and error messages name it ({@code host:port}, or a description) */
    default String self() {
        return "this instance";
    }

    /**
     * One partition of a store as this instance holds it.
     *
     * @param partition the partition, or -1 for "all this instance holds" (a single instance)
     * @param store     its store
     * @param stale     true when it is a standby or restoring copy
     * @param lag       how many changelog records it is behind (0 when fresh, -1 when unknown)
     */
    record Part<V>(int partition, ReadOnlyKeyValueStore<String, V> store, boolean stale, long lag) {
    }

    /**
     * The instance that owns a key.
     *
     * @param host      the remote host, or null for this instance or when unknown
     * @param state     {@code LOCAL}, {@code REMOTE} or {@code UNAVAILABLE}
     * @param partition the key's partition, or -1 when unknown
     * @param standbys  the instances holding standby copies of that partition
     * @param reason    why the owner is unavailable, or null
     */
    record Owner(HostInfo host, String state, int partition, List<HostInfo> standbys, String reason) {
        /** This instance owns the key (partition unknown). */
        public static final Owner LOCAL = new Owner(null, "LOCAL", -1, List.of(), null);
        /** Nobody can answer for the key now (rebalance in progress, or not started). */
        public static final Owner UNAVAILABLE = unavailable(-1, List.of(), "the analyzer is rebalancing or starting: the owner is not known yet");

        public Owner {
            standbys = standbys == null ? List.of() : List.copyOf(standbys);
        }

        /** @return a remote owner */
        public static Owner remote(HostInfo host) {
            return new Owner(host, "REMOTE", -1, List.of(), null);
        }

        /** @return an owner known by metadata: this instance when {@code host} is null */
        public static Owner of(HostInfo host, int partition, List<HostInfo> standbys) {
            return new Owner(host, host == null ? "LOCAL" : "REMOTE", partition, standbys, null);
        }

        /** @return an unavailable owner, with what is known of the key's partition and standbys */
        public static Owner unavailable(int partition, List<HostInfo> standbys, String reason) {
            return new Owner(null, "UNAVAILABLE", partition, standbys, reason);
        }

        /** @return true for this instance */
        public boolean isLocal() {
            return "LOCAL".equals(state);
        }

        /** @return true when nobody can answer now */
        public boolean isUnavailable() {
            return "UNAVAILABLE".equals(state);
        }
    }
}
