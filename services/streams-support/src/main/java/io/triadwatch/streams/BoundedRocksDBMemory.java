package io.triadwatch.streams;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of every RocksDB store in the process by one number: Kafka Streams'
 * documented recipe (Kafka Streams memory management, "RocksDB"), one LRU block cache shared by all
 * stores of all Streams applications in the JVM, with the memtables charged against that same cache
 * through one {@link WriteBufferManager}, and index and filter blocks held in the cache rather than
 * beside it.
 * <p>
 * Why: by default each store instance (one per store and partition) gets its own 50 MB block cache
 * and up to three 16 MB memtables, so the off-heap footprint grows with the number of partitions
 * and with the data read, without a bound; the soak of 2026-12-07 saw the process' RSS grow from
 * 593 to 1,895 MiB in 30 minutes at a live heap of 113 MiB.
 * <p>
 * The bound is {@value #MEMORY_BYTES_CONFIG} (default {@value #DEFAULT_MEMORY_BYTES} bytes), of which
 * the memtables may take {@value #MEMTABLE_SHARE_PERCENT}%. The cache is created by the first store
 * that opens in the JVM and lives as long as the JVM: it must outlive every store that shares it,
 * and with the analyzer and the alerter in one process ({@code run --role all}, the demo) they share
 * it, so the bound is per process, not per application. A later application asking for a different
 * size gets the existing cache, with a WARN. The cache is not strict (a full cache evicts rather
 * than fails a read), so the bound is what RocksDB aims for, not a hard limit; allocator
 * fragmentation comes on top.
 * <p>
 * Set as {@code rocksdb.config.setter} in {@link StreamsRunner#TRIADWATCH_DEFAULTS}; a client property
 * may name another setter.
 */
public final class BoundedRocksDBMemory implements RocksDBConfigSetter {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedRocksDBMemory.class);

    /** The Streams property that sets the bound in bytes for the whole process. */
    public static final String MEMORY_BYTES_CONFIG = "triadwatch.rocksdb.memory.bytes";
    /** 128 MiB: the demo's and a single instance's stores fit with room for the working set. */
    public static final long DEFAULT_MEMORY_BYTES = 128L * 1024 * 1024;
    /** The part of the bound the memtables may take; the rest caches data, index and filter blocks. */
    public static final int MEMTABLE_SHARE_PERCENT = 50;
    /** Index and filter blocks are kept first in this share of the cache (the high-priority pool). */
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;
    /** One memtable per store before a flush; smaller than RocksDB's 64 MB because there are many stores. */
    private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;
    private static final int MEMTABLES_PER_STORE = 2;
    /**
     * The memtable's allocation unit. RocksDB's default is an eighth of the memtable (1 MiB here), and a memtable
     * holding a single record already counts one whole block against the write buffer manager: with ~120 store
     * instances in one process (the analyzer's and the alerter's stores times six partitions) that floor alone
     * was past the memtable budget, so the manager asked for a flush on almost every write (the soak of
     * 2026-12-07 14:16: ~3 flushes a second per store, three quarters of the SST files under 64 KiB).
     */
    static final long ARENA_BLOCK_BYTES = 64L * 1024;

    private static Shared shared;

    /** The one cache and write buffer manager of the process. */
    private record Shared(long bytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(memoryBytes(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
    }

    /** Nothing to close per store: the cache and the write buffer manager are the process' and outlive every store. */
    @Override
    public void close(String storeName, Options options) {
    }

    /**
     * The bound the process' stores share, or 0 before the first store opened.
     *
     * @return bytes
     */
    public static synchronized long memoryBytes() {
        return shared == null ? 0 : shared.bytes();
    }

    /**
     * The bound the given Streams properties ask for.
     *
     * @param configs Streams properties
     * @return bytes, {@value #DEFAULT_MEMORY_BYTES} when unset
     * @throws IllegalArgumentException when the value is not a number of bytes of at least 8 MiB
     */
    static long memoryBytes(Map<?, ?> configs) {
        Object value = Objects.requireNonNullElse(configs.get(MEMORY_BYTES_CONFIG), (Object) DEFAULT_MEMORY_BYTES);
        long bytes;
        try {
            bytes = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_BYTES_CONFIG + " must be a number of bytes, got '" + value + "'", e);
        }
        if (bytes < 8L * 1024 * 1024) {
            throw new IllegalArgumentException(MEMORY_BYTES_CONFIG + " must be at least 8 MiB (8388608), got " + bytes);
        }
        return bytes;
    }

    private static synchronized Shared shared(long bytes) {
        if (shared == null) {
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
            shared = new Shared(bytes, cache, new WriteBufferManager(bytes * MEMTABLE_SHARE_PERCENT / 100, cache));
            LOG.info("RocksDB: all stores of this process share {} MiB (block cache, memtables up to {}%)",
                    bytes >> 20, MEMTABLE_SHARE_PERCENT);
        } else if (shared.bytes() != bytes) {
            LOG.warn("RocksDB: {}={} ignored; the stores of this process already share {} bytes (the first setting wins)",
                    MEMORY_BYTES_CONFIG, bytes, shared.bytes());
        }
        return shared;
    }
}
