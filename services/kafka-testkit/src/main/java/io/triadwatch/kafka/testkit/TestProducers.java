package io.triadwatch.kafka.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer helpers for tests. Keys and values are UTF-8 strings, as the Triadwatch contract
 * prescribes; producers use {@code acks=all} with idempotence and send without lingering.
 */
public final class TestProducers {

    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    private TestProducers() {
    }

    /**
     * Creates a string producer. The caller closes it.
     *
     * @param bootstrapServers the broker to connect to
     * @return a new producer
     */
    public static KafkaProducer<String, String> create(final String bootstrapServers) {
        return create(bootstrapServers, Map.of());
    }

    /**
     * Creates a string producer with extra or overriding producer configs. The caller closes it.
     *
     * @param bootstrapServers the broker to connect to
     * @param overrides        producer configs that replace the defaults
     * @return a new producer
     */
    public static KafkaProducer<String, String> create(final String bootstrapServers,
                                                       final Map<String, Object> overrides) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "triadwatch-test-producer-" + CLIENT_IDS.incrementAndGet());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight: on a topic created a moment ago the first batch to a partition can come back
        // NOT_LEADER_OR_FOLLOWER while the next ones are already appended; its retry then fails for ever with
        // OUT_OF_ORDER_SEQUENCE_NUMBER until the batch expires (seen twice in CI in CodedCombiningIntegrationTest).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * Creates a transactional string producer and initialises its transactions, so the caller can
     * go straight to {@link Producer#beginTransaction()}. The caller closes it.
     *
     * @param bootstrapServers the broker to connect to
     * @param transactionalId  the {@code transactional.id}; make it unique per test
     * @return a new producer, ready for {@code beginTransaction()}
     */
    public static KafkaProducer<String, String> transactional(final String bootstrapServers,
                                                              final String transactionalId) {
        final KafkaProducer<String, String> producer = create(bootstrapServers,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
        try {
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /**
     * Sends key/value pairs to one topic, in order, and waits until the broker has acknowledged all.
     *
     * @param bootstrapServers the broker to send to
     * @param topic            the topic
     * @param keyValues        the records, for example {@code Map.entry("id-1", "{...}")}; a null key is allowed
     * @return the metadata of every record, in the order given
     */
    @SafeVarargs
    public static List<RecordMetadata> send(final String bootstrapServers, final String topic,
                                            final Map.Entry<String, String>... keyValues) {
        final List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Map.Entry<String, String> kv : keyValues) {
            records.add(new ProducerRecord<>(topic, kv.getKey(), kv.getValue()));
        }
        return send(bootstrapServers, records);
    }

    /**
     * Sends records, which may carry headers or explicit partitions, in order, and waits until the
     * broker has acknowledged all of them.
     *
     * @param bootstrapServers the broker to send to
     * @param records          the records
     * @return the metadata of every record, in the order given
     */
    public static List<RecordMetadata> send(final String bootstrapServers,
                                            final Collection<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = create(bootstrapServers)) {
            final List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                futures.add(producer.send(record));
            }
            producer.flush();
            final List<RecordMetadata> metadata = new ArrayList<>();
            for (Future<RecordMetadata> future : futures) {
                metadata.add(future.get());
            }
            return metadata;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send test records: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending test records", e);
        }
    }
}
