package io.triadwatch.analyzer.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the analyzer's queryable state lives: which instance owns a key, this instance's stores,
 * and the other instances. Implemented over {@link org.apache.kafka.streams.KafkaStreams}; tests
 * can implement it over a TopologyTestDriver.
 */
public interface StateAccess {
    /**
     * Who owns {@code key} of {@code store}.
     *
     * @return {@link Owner#LOCAL}, a remote owner, or {@link Owner#UNAVAILABLE} (rebalancing, not started)
     */
    Owner owner(String store, String key);

    /**
     * This instance's part of {@code store}.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while it cannot be queried
     */
    <V> ReadOnlyKeyValueStore<String, V> local(String store);

    /** @return the other instances that hold part of {@code store} (empty for a single instance) */
    List<HostInfo> others(String store);

    /**
     * The instance that owns a key.
     *
     * @param host  the remote host, or null for this instance
     * @param state {@code LOCAL}, {@code REMOTE} or {@code UNAVAILABLE}
     */
    record Owner(HostInfo host, String state) {
        /** This instance owns the key. */
        public static final Owner LOCAL = new Owner(null, "LOCAL");
        /** Nobody can answer for the key now (rebalance in progress, or not started). */
        public static final Owner UNAVAILABLE = new Owner(null, "UNAVAILABLE");

        /** @return a remote owner */
        public static Owner remote(HostInfo host) {
            return new Owner(host, "REMOTE");
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
