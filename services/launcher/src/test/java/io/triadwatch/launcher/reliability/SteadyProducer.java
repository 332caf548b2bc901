package io.triadwatch.launcher.reliability;

import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.topics.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link LoadEvents} onto the events topic at a steady rate from its own thread, as an
 * ingest that keeps going whatever happens to brokers and instances: {@code acks=all}, idempotent,
 * and every acknowledged event id recorded. A send that fails is counted and not retried (its event
 * may or may not be on the topic; only acknowledged ids are promised).
 */
final class SteadyProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SteadyProducer.class);

    private final KafkaProducer<String, String> producer;
    private final LoadEvents events;
    private final long maxEvents;
    private final long nanosPerEvent;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param perSecond events per second
     * @param maxEvents stop after this many events
     */
    SteadyProducer(String bootstrap, LoadEvents events, double perSecond, long maxEvents) {
        this.producer = TestProducers.create(bootstrap, Map.of(
                // long enough to ride out a broker bounce or a leader election without failing the send
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        this.events = events;
        this.maxEvents = maxEvents;
        this.nanosPerEvent = (long) (1_000_000_000L / perSecond);
        this.thread = new Thread(this::run, "steady-producer");
        this.thread.setDaemon(true);
    }

    /** Starts writing. */
    SteadyProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        long next = System.nanoTime();
        for (long i = 0; i < maxEvents && !stopping; i++) {
            String id = events.id(i);
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), id, events.json(i)), (metadata, error) -> {
                if (error == null) {
                    acked.add(id);
                } else {
                    failed.incrementAndGet();
                    LOG.warn("event {} was not acknowledged: {}", id, error.toString());
                }
            });
            sent.incrementAndGet();
            next += nanosPerEvent;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return events handed to the producer so far */
    long sent() {
        return sent.get();
    }

    /** @return the ids the cluster acknowledged so far */
    Set<String> acked() {
        return Set.copyOf(acked);
    }

    /** @return sends that failed */
    long failed() {
        return failed.get();
    }

    /** Stops writing, waits until every send in flight is acknowledged or failed. */
    void finish() throws InterruptedException {
        stopping = true;
        thread.join();
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        finish();
        producer.close();
    }
}
