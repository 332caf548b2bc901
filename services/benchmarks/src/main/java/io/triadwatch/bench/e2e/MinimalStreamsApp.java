package io.triadwatch.bench.e2e;

import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Baseline 2: the smallest useful exactly-once Streams application on the same events — read them,
 * count by key in a RocksDB store (changelogged), write the counts to a topic. Everything else
 * (threads, commit interval, caching) is the Kafka Streams default, as for Triadwatch's apps.
 */
final class MinimalStreamsApp implements AutoCloseable {
    /** Prefix of its application id (and thread names). */
    static final String APPLICATION_ID_PREFIX = "bench-minimal-count";
    /** Its output topic. */
    static final String OUTPUT = "bench.event-counts";

    private final KafkaStreams streams;
    private final String applicationId;

    MinimalStreamsApp(Map<String, Object> kafka, Path stateDir, String runId) {
        this.applicationId = APPLICATION_ID_PREFIX + "-" + runId;
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.streams = new KafkaStreams(topology(), props);
    }

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events-source"))
                .groupByKey(Grouped.with("by-event-id", Serdes.String(), Serdes.ByteArray()))
                .count(Named.as("count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("event-counts").withValueSerde(Serdes.Long()))
                .toStream(Named.as("counts"))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()).withName("counts-sink"));
        return builder.build();
    }

    String applicationId() {
        return applicationId;
    }

    void start() {
        streams.start();
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(30));
    }
}
