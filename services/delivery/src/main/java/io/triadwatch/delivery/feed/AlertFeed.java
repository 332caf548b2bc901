package io.triadwatch.delivery.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic from the beginning, with {@code isolation.level=read_committed}, into memory:
 * a bounded log of the last records in the order this process read them, and a view of every
 * fingerprint (its latest record and its recent history). The HTTP API, the SSE stream and the
 * pushers all read from here.
 * <p>
 * <b>Threading.</b> {@link #start()} starts one daemon thread that owns the Kafka consumer;
 * every other method is thread-safe. {@link #close()} stops it and wakes every waiter.
 * <p>
 * <b>Readiness.</b> At start the feed notes the end offsets of every partition (the last stable
 * offsets, as the consumer reads committed data only); it is {@linkplain #isReady() ready} once it
 * has read up to them. Partitions added to the topic later are read from their beginning.
 * <p>
 * <b>Sequence numbers.</b> Each record gets a {@link FeedEntry#seq()}: 1, 2, 3 ... in this process's
 * read order. They are per process: another alerter instance interleaves the partitions
 * differently. What clients keep instead is a {@link FeedPosition} (partition offsets), which every
 * instance understands; see there.
 * <p>
 * <b>Bad records.</b> A value that is not a valid alert (or a null value) is logged with its
 * partition and offset, counted in {@code triadwatch.alertfeed.records{outcome=rejected}} and
 * skipped; the feed never stops for one record. Counts: records read = {@code outcome=read} +
 * {@code outcome=rejected}.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final AlertFeedSettings settings;
    private final FeedStore store;
    private final Deserializer<Alert> alerts = JsonSerde.of(Alert.class).deserializer();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Counter read;
    private final Counter rejected;
    private final Counter pollFailures;
    private volatile boolean closing;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    // Owned by the feed thread.
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> catchUpTo;
    private long lastMetadataCheck;
    private boolean warnedMissingTopic;

    /**
     * Creates a feed; nothing is read until {@link #start()}.
     *
     * @param settings what to read and how much to keep
     * @param registry where the feed's meters go
     */
    public AlertFeed(AlertFeedSettings settings, MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = new FeedStore(settings.logCapacity(), settings.historyPerFingerprint());
        this.read = Counter.builder("triadwatch.alertfeed.records").tag("outcome", "read")
                .description("alert records the feed read and kept").register(registry);
        this.rejected = Counter.builder("triadwatch.alertfeed.records").tag("outcome", "rejected")
                .description("alert records the feed could not read and skipped").register(registry);
        this.pollFailures = Counter.builder("triadwatch.alertfeed.poll.failures")
                .description("polls of the alerts topic that failed and were retried").register(registry);
        Gauge.builder("triadwatch.alertfeed.ready", ready, latch -> latch.getCount() == 0 ? 1 : 0)
                .description("1 once the feed has caught up with the alerts topic").register(registry);
    }

    /**
     * Starts reading on the feed's own thread.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("alert feed already started");
        }
        consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "triadwatch-alert-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether the feed has read everything the topic held when it started */
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /**
     * Waits for {@link #isReady()}.
     *
     * @return whether the feed became ready within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Adds a listener for records read from now on, once the feed is ready; see {@link AlertListener}. */
    public void addListener(AlertListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #addListener}; unknown listeners are ignored. */
    public void removeListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** @return the latest record of every fingerprint read so far (a copy) */
    public Map<String, FeedEntry> current() {
        return store.current();
    }

    /**
     * @return the kept records of {@code fingerprint}, newest first (at most
     *         {@link AlertFeedSettings#historyPerFingerprint()}); empty when the fingerprint is unknown
     */
    public List<FeedEntry> history(String fingerprint) {
        return store.history(fingerprint);
    }

    /** @return for every (fingerprint, episode) still in a history, its newest record, in no order */
    public List<FeedEntry> episodes() {
        return store.episodes();
    }

    /** @return up to {@code max} log entries with a sequence number above {@code seq}, oldest first */
    public List<FeedEntry> entriesAfter(long seq, int max) {
        return store.after(seq, max);
    }

    /**
     * Waits until the log holds an entry after {@code seq}.
     *
     * @return whether it does; {@code false} after {@code timeout} or once the feed is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitEntriesAfter(long seq, Duration timeout) throws InterruptedException {
        return store.awaitAfter(seq, timeout);
    }

    /** @return the sequence number of the oldest entry still in the log (the next one, if the log is empty) */
    public long oldestSeq() {
        return store.oldestSeq();
    }

    /** @return the sequence number of the newest entry, 0 before the first */
    public long lastSeq() {
        return store.lastSeq();
    }

    /** @return whether records that a reader at {@code position} has not seen were dropped from the bounded log */
    public boolean droppedUnseen(FeedPosition position) {
        return store.droppedUnseen(position);
    }

    /** @return whether the feed was closed (or its thread ended): no more records will come */
    public boolean isClosed() {
        return store.isClosed();
    }

    /** @return how many records were skipped as unreadable */
    public long rejectedCount() {
        return (long) rejected.count();
    }

    /** Stops the feed's thread and closes the consumer; waiters wake up. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        closed.countDown();
        store.close();
        if (running == null) {
            return;
        }
        consumer.wakeup();
        try {
            running.join(CLOSE_TIMEOUT.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn("alert feed thread did not stop within {}", CLOSE_TIMEOUT.multipliedBy(2));
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "triadwatch-alert-feed");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign() mode: every instance reads everything
        return config;
    }

    private void run() {
        try {
            while (!closing) {
                pollOnce();
            }
        } finally {
            store.close();
            try {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } catch (KafkaException e) {
                LOG.warn("closing the alert feed consumer failed", e);
            }
        }
    }

    private void pollOnce() {
        try {
            refreshAssignment();
            if (assigned.isEmpty()) {
                pause();
                return;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
                accept(record);
            }
            checkCaughtUp();
        } catch (WakeupException | InterruptException e) {
            closing = closing || e instanceof InterruptException;
        } catch (RecordDeserializationException e) {
            reject(e.topicPartition().partition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        } catch (KafkaException e) {
            pollFailures.increment();
            LOG.warn("reading {} failed; retrying in {}", settings.topic(), settings.retryBackoff(), e);
            pause();
        } catch (RuntimeException e) {
            pollFailures.increment();
            LOG.error("unexpected failure in the alert feed on {}; retrying in {}", settings.topic(), settings.retryBackoff(), e);
            pause();
        }
    }

    private void refreshAssignment() {
        long now = System.nanoTime();
        if (!assigned.isEmpty() && now - lastMetadataCheck < settings.metadataRefresh().toNanos()) {
            return;
        }
        lastMetadataCheck = now;
        List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), settings.retryBackoff().multipliedBy(10));
        if (infos == null || infos.isEmpty()) {
            if (!warnedMissingTopic) {
                LOG.warn("alerts topic {} has no partitions yet (does it exist?); waiting for it", settings.topic());
                warnedMissingTopic = true;
            }
            return;
        }
        Set<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        if (catchUpTo == null) {
            catchUpTo = new HashMap<>(consumer.endOffsets(assigned));
            LOG.info("alert feed reading {} partitions of {}; catching up to {}", assigned.size(), settings.topic(), catchUpTo);
        }
    }

    private void checkCaughtUp() {
        if (isReady() || catchUpTo == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTo.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return;
            }
        }
        ready.countDown();
        LOG.info("alert feed caught up with {}: {} records kept, {} rejected", settings.topic(), store.lastSeq(), rejectedCount());
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            reject(record.partition(), record.offset(), "null value");
            return;
        }
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            reject(record.partition(), record.offset(), e.getMessage());
            return;
        }
        FeedEntry entry = store.append(record.partition(), record.offset(), alert, Json.string(alert));
        read.increment();
        if (isReady()) {
            announce(entry);
        }
    }

    private void announce(FeedEntry entry) {
        for (AlertListener listener : listeners) {
            try {
                listener.onAlert(entry);
            } catch (RuntimeException e) {
                LOG.error("alert listener {} failed on {} (partition {} offset {})", listener, entry.fingerprint(), entry.partition(), entry.offset(), e);
            }
        }
    }

    private void reject(int partition, long offset, String why) {
        rejected.increment();
        LOG.warn("skipping unreadable alert record {}-{}@{}: {}", settings.topic(), partition, offset, why);
    }

    private void pause() {
        try {
            closed.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }
}
