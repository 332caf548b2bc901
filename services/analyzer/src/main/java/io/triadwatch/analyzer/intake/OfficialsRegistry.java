package io.triadwatch.analyzer.intake;

import io.triadwatch.analyzer.impulse.OfficialsLookup;
import io.triadwatch.model.Official;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The officials registry as a global store: every version of every official, keyed
 * {@code id@validFrom} as on the officials topic, holding the record's bytes as received.
 * <p>
 * Versions are never merged, so a lookup "as of" an event time finds the version that held then:
 * a 2013 visit keeps its 2013 rank after a later version arrives. The store keeps raw bytes and
 * decodes (and validates) on lookup, so a restore that copies the topic straight into the store
 * yields the same content as live loading; an unreadable version is skipped with a warning.
 */
public final class OfficialsRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(OfficialsRegistry.class);

    private OfficialsRegistry() {
    }

    /** The global-store processor: puts versions, deletes on tombstones, skips unreadable records. */
    public static final class Loader implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private KeyValueStore<String, byte[]> store;

        /** @param storeName the global store */
        public Loader(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                LOG.warn("officials record without key skipped (the key must be id@validFrom)");
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            Decoded<Official> decoded = Codecs.officials().decode(record.value());
            if (!decoded.accepted()) {
                LOG.warn("officials record {} skipped: {} at {}: {}", record.key(), decoded.rejection().reason(), decoded.rejection().field(), decoded.rejection().detail());
                return;
            }
            if (!record.key().equals(decoded.value().versionKey())) {
                LOG.warn("officials record key {} differs from its id@validFrom {}; stored under the key it was sent with", record.key(), decoded.value().versionKey());
            }
            store.put(record.key(), record.value());
        }
    }

    /**
     * @return a lookup over {@code store} (a read-only view is enough): by official id, and when
     * that finds no version valid at the time, by name and country
     */
    public static OfficialsLookup over(KeyValueStore<String, byte[]> store) {
        return (officialId, name, country, at) -> {
            Optional<Official> found = officialId == null ? Optional.empty() : byId(store, officialId, at);
            return found.isPresent() ? found : byName(store, name, country, at);
        };
    }

    private static Optional<Official> byId(KeyValueStore<String, byte[]> store, String officialId, Instant at) {
        try (KeyValueIterator<String, byte[]> it = store.range(officialId + "@", officialId + "@~")) {
            return best(it, o -> o.id().equals(officialId), at);
        }
    }

    private static Optional<Official> byName(KeyValueStore<String, byte[]> store, String name, String country, Instant at) {
        String wanted = normalize(name);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            return best(it, o -> o.country().equals(country) && normalize(o.name()).equals(wanted), at);
        }
    }

    private static Optional<Official> best(KeyValueIterator<String, byte[]> it, java.util.function.Predicate<Official> match, Instant at) {
        Official best = null;
        while (it.hasNext()) {
            KeyValue<String, byte[]> entry = it.next();
            Decoded<Official> decoded = Codecs.officials().decode(entry.value);
            if (!decoded.accepted()) {
                continue;
            }
            Official o = decoded.value();
            if (match.test(o) && o.validAt(at) && (best == null || Comparator.comparing(Official::validFrom).compare(o, best) > 0)) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalize(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

}
