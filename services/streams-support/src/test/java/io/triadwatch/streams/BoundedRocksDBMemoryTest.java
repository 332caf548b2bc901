package io.triadwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedRocksDBMemoryTest {
    private static final String FIRST = "first-store";
    private static final String SECOND = "second-store";

    @TempDir
    Path stateDir;

    @Test
    void shouldGiveEveryRocksDBStoreOneSharedBoundedCacheInsteadOfItsOwn() {
        // Given a topology with two RocksDB stores, run with Triadwatch's Streams defaults
        Properties props = StreamsRunner.properties("bounded-memory-test", Map.of(), Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092", StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        try (TopologyTestDriver driver = new TopologyTestDriver(twoStores(), props)) {
            // When records reach both stores
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            for (int i = 0; i < 100; i++) {
                in.pipeInput("k" + i, "v" + i);
            }

            // Then each store reports the process' one bound as its block cache, not RocksDB's 50 MB per store
            assertThat(BoundedRocksDBMemory.memoryBytes()).isEqualTo(BoundedRocksDBMemory.DEFAULT_MEMORY_BYTES);
            assertThat(storeMetric(driver.metrics(), FIRST, "block-cache-capacity")).isEqualTo((double) BoundedRocksDBMemory.DEFAULT_MEMORY_BYTES);
            assertThat(storeMetric(driver.metrics(), SECOND, "block-cache-capacity")).isEqualTo((double) BoundedRocksDBMemory.DEFAULT_MEMORY_BYTES);
            // and the two stores are indeed one cache: its usage reads the same through either
            assertThat(storeMetric(driver.metrics(), FIRST, "block-cache-usage"))
                    .isEqualTo(storeMetric(driver.metrics(), SECOND, "block-cache-usage"));
            // and a memtable holding a few records takes a small allocation unit, not RocksDB's eighth of a memtable
            // (1 MiB), so that ~120 stores of a process stay under the memtable budget and do not flush on every write
            assertThat(storeMetric(driver.metrics(), FIRST, "size-all-mem-tables")).isPositive().isLessThan(512 * 1024);
        }
    }

    @Test
    void shouldRefuseABoundThatIsNotANumberOrTooSmallWhenTheRunnerIsBuilt() {
        // Given a bound that is not a number, and one below 8 MiB
        for (String bad : List.of("lots", "1048576")) {
            Properties props = StreamsRunner.properties("app", Map.of(), Map.of(BoundedRocksDBMemory.MEMORY_BYTES_CONFIG, bad));

            // Then building the runner fails at once, naming the property, not the first store's open in a stream thread
            assertThatThrownBy(() -> new StreamsRunner("app", twoStores(), props, new SimpleMeterRegistry()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(BoundedRocksDBMemory.MEMORY_BYTES_CONFIG).hasMessageContaining(bad);
        }
    }

    private static Topology twoStores() {
        StreamsBuilder builder = new StreamsBuilder();
        for (String name : List.of(FIRST, SECOND)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                    .withCachingDisabled());
        }
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private final List<KeyValueStore<String, String>> stores = new ArrayList<>();

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        stores.add(context.getStateStore(FIRST));
                        stores.add(context.getStateStore(SECOND));
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        stores.forEach(store -> store.put(record.key(), record.value()));
                    }
                }, FIRST, SECOND);
        return builder.build();
    }

    private static double storeMetric(Map<MetricName, ? extends Metric> metrics, String store, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && store.equals(e.getKey().tags().get("rocksdb-state-id")))
                .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " metric for " + store + " in " + metrics.keySet()));
    }
}
