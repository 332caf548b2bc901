package io.triadwatch.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency at a fixed offered rate, with the pipeline caught up beforehand: events are sent on a
 * fixed schedule (each record's timestamp is its scheduled send time, so a sender that falls
 * behind does not hide the delay), and a {@code read_committed} consumer of the dyad-state and
 * alert topics measures, per output record:
 * <ul>
 *   <li>stamped: the output's own wall-clock stamp minus the event's append time —
 *       {@code updatedAt − eventAppendedAt} for a dyad state, {@code emittedAt − eventAppendedAt} for an alert;</li>
 *   <li>visible: when the consumer received it minus the event's append time, i.e. including the
 *       exactly-once commit that makes the output readable.</li>
 * </ul>
 */
final class LatencyRun {
    private LatencyRun() {
    }

    /**
     * @param rate           offered events per second
     * @param sent           events sent
     * @param sendSeconds    the offering's duration
     * @param stateStamped   event → dyad state, stamped
     * @param stateVisible   event → dyad state, visible
     * @param alertStamped   event → alert, stamped
     * @param alertVisible   event → alert, visible
     * @param maxLag         the largest analyzer lag (events) seen during the offering
     * @param lagAtEnd       the analyzer lag when the offering ended
     * @param drainSeconds   from the end of the offering until both apps caught up
     * @param drained        false when they did not catch up within the limit
     */
    record Result(double rate, long sent, double sendSeconds, Percentiles stateStamped, Percentiles stateVisible,
                  Percentiles alertStamped, Percentiles alertVisible, long maxLag, long lagAtEnd, double drainSeconds, boolean drained) {
        boolean keptUp() {
            return lagAtEnd <= Math.max(100, rate);
        }
    }

    static Result run(Map<String, Object> kafka, Admin admin, EventStream stream, double rate, Duration duration, Duration drainLimit,
                      String analyzerId, String alerterId, Progress progress) throws InterruptedException {
        long startWall = System.currentTimeMillis();
        Percentiles stateStamped = new Percentiles();
        Percentiles stateVisible = new Percentiles();
        Percentiles alertStamped = new Percentiles();
        Percentiles alertVisible = new Percentiles();
        Measurer measurer = new Measurer(kafka, startWall, stateStamped, stateVisible, alertStamped, alertVisible);
        Thread measuring = new Thread(measurer, "bench-latency-consumer");
        measuring.setDaemon(true);
        measuring.start();
        measurer.awaitAssigned();

        Offsets offsets = new Offsets(admin);
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-offered-load");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long total = Math.round(rate * duration.toNanos() / 1e9);
        double intervalNanos = 1e9 / rate;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long maxLag = 0;
        long lagAtEnd;
        long sent = 0;
        long t0 = System.nanoTime();
        long t0Wall = System.currentTimeMillis();
        long nextReport = t0 + 5_000_000_000L;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < total; i++) {
                long due = t0 + (long) (i * intervalNanos);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                }
                EventStream.Generated event = stream.next();
                long scheduledWall = t0Wall + (long) (i * intervalNanos / 1e6);
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, scheduledWall, event.id(), event.json()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                if (System.nanoTime() >= nextReport) {
                    long lag = lag(offsets, analyzerId);
                    maxLag = Math.max(maxLag, lag);
                    progress.accept(String.format(Locale.ROOT, "latency: %,d of %,d sent; analyzer lag %,d; %s", sent, total, lag, summary(stateVisible, alertVisible)));
                    nextReport += 5_000_000_000L;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("offering events failed: " + failure.get(), failure.get());
        }
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        lagAtEnd = lag(offsets, analyzerId);
        maxLag = Math.max(maxLag, lagAtEnd);
        progress.accept(String.format(Locale.ROOT, "latency: %,d events offered in %.1f s; analyzer lag at the end %,d; draining", sent, sendSeconds, lagAtEnd));

        long drainStart = System.nanoTime();
        CatchUpTimer timer = new CatchUpTimer(admin, progress);
        boolean drained = timer.await(analyzerId, List.of(Topics.EVENTS.name(), Topics.TRIADS.name()), drainStart, 0, drainLimit).caughtUp();
        Duration left = drainLimit.minusNanos(System.nanoTime() - drainStart);
        drained = drained && timer.await(alerterId, List.of(Topics.DYAD_STATE.name(), Topics.TRIAD_STATE.name()), drainStart, 0,
                left.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : left).caughtUp();
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        measurer.stopAt(offsets.ends(List.of(Topics.DYAD_STATE.name(), Topics.ALERTS.name())));
        measuring.join(drained ? 30_000 : 2_000);
        measurer.stop();
        measuring.join(5_000);
        progress.accept("latency: " + summary(stateVisible, alertVisible));
        return new Result(rate, sent, sendSeconds, stateStamped, stateVisible, alertStamped, alertVisible, maxLag, lagAtEnd, drainSeconds, drained);
    }

    private static long lag(Offsets offsets, String group) {
        try {
            Map<TopicPartition, Long> ends = offsets.ends(List.of(Topics.EVENTS.name()));
            return ends.values().stream().mapToLong(Long::longValue).sum() - offsets.committedSum(group, ends);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String summary(Percentiles state, Percentiles alert) {
        return String.format(Locale.ROOT, "states seen %,d (p50 %d ms, p99 %d ms), alerts seen %,d (p50 %d ms, p99 %d ms) [visible]",
                state.count(), state.percentile(50), state.percentile(99), alert.count(), alert.percentile(50), alert.percentile(99));
    }

    /**
     * The measuring consumer: from its start, reads the dyad-state and alert topics from their end and
     * adds each output's latencies (of events appended after {@code startWall}) to the given percentiles.
     * The soak reads the same percentiles window by window ({@link Percentiles#drain()}).
     */
    static final class Measurer implements Runnable {
        private final Map<String, Object> kafka;
        private final long startWall;
        private final Percentiles stateStamped;
        private final Percentiles stateVisible;
        private final Percentiles alertStamped;
        private final Percentiles alertVisible;
        private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        private final AtomicReference<Map<TopicPartition, Long>> stopAt = new AtomicReference<>();
        private final AtomicLong unreadable = new AtomicLong();
        private volatile boolean running = true;

        Measurer(Map<String, Object> kafka, long startWall, Percentiles stateStamped, Percentiles stateVisible,
                 Percentiles alertStamped, Percentiles alertVisible) {
            this.kafka = kafka;
            this.startWall = startWall;
            this.stateStamped = stateStamped;
            this.stateVisible = stateVisible;
            this.alertStamped = alertStamped;
            this.alertVisible = alertVisible;
        }

        void awaitAssigned() throws InterruptedException {
            if (!assigned.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the latency consumer was not assigned within 30 s");
            }
        }

        void stopAt(Map<TopicPartition, Long> ends) {
            stopAt.set(ends);
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            Map<String, Object> props = new HashMap<>(kafka);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-consumer");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = Offsets.partitions(consumer, List.of(Topics.DYAD_STATE.name(), Topics.ALERTS.name()));
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                assigned.countDown();
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        record(r, System.currentTimeMillis());
                    }
                    Map<TopicPartition, Long> end = stopAt.get();
                    if (end != null && partitions.stream().allMatch(tp -> consumer.position(tp) >= end.getOrDefault(tp, 0L))) {
                        return;
                    }
                }
            }
        }

        private void record(ConsumerRecord<String, byte[]> r, long receivedAt) {
            if (r.value() == null) {
                return;
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(r.value());
            } catch (IOException e) {
                unreadable.incrementAndGet();
                return;
            }
            Instant appended = instant(node, "eventAppendedAt");
            if (appended == null || appended.toEpochMilli() < startWall) {
                return;
            }
            boolean alert = r.topic().equals(Topics.ALERTS.name());
            Instant stamped = instant(node, alert ? "emittedAt" : "updatedAt");
            if (stamped != null) {
                (alert ? alertStamped : stateStamped).add(stamped.toEpochMilli() - appended.toEpochMilli());
            }
            (alert ? alertVisible : stateVisible).add(receivedAt - appended.toEpochMilli());
        }

        private static Instant instant(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                return null;
            }
            try {
                return Instant.parse(v.asText());
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
