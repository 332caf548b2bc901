package io.triadwatch.analyzer.order;

import io.triadwatch.streams.CatchUp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SourceBacklog} read from the broker: every {@code interval} a daemon thread reads the
 * events topic's read_committed end offsets and the analyzer group's committed offsets (committed
 * first: ends only grow, so the answer errs towards "not yet"); a task has read its partition to the
 * end when the offset after its last processed record, or its group's committed offset (which also
 * covers records that produced no impulse, and a partition with nothing new since the last run),
 * reaches that end.
 * <p>
 * Until the first reading succeeds nothing counts as read to the end, for at most {@code patience}:
 * a broker that cannot be read for that long (ACLs, a network fault) must not keep the live output
 * waiting for ever, so after it every partition counts as read (and a WARN says so), as without this
 * check. Failed readings keep the last good one.
 */
public final class BrokerSourceBacklog implements SourceBacklog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSourceBacklog.class);

    private final CatchUp offsets;
    private final String topic;
    private final String groupId;
    private final long patienceUntil;
    private final ScheduledExecutorService refresher;
    private volatile Map<Integer, Long> ends;
    private volatile Map<Integer, Long> committed = Map.of();
    private volatile boolean warned;
    private long failures;

    /**
     * Starts reading at once.
     *
     * @param admin    an admin client of the analyzer's cluster, closed by the caller after this
     * @param topic    the events topic
     * @param groupId  the analyzer's application id (its consumer group)
     * @param interval how often to read
     * @param patience how long to wait for a first reading before counting every partition as read
     */
    public BrokerSourceBacklog(Admin admin, String topic, String groupId, Duration interval, Duration patience) {
        this.offsets = new CatchUp(admin, line -> { });
        this.topic = topic;
        this.groupId = groupId;
        this.patienceUntil = System.nanoTime() + patience.toNanos();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analyzer-source-backlog");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean caughtUp(int partition, long nextOffset) {
        Map<Integer, Long> known = ends;
        if (known == null) {
            if (System.nanoTime() < patienceUntil) {
                return false;
            }
            if (!warned) {
                warned = true;
                LOG.warn("could not read the offsets of {} yet; intake tasks say idle on their idle timeout alone, "
                        + "so inputs fetched late after a restart may be applied out of event-time order", topic);
            }
            return true;
        }
        Long end = known.get(partition);
        // A partition never committed is read from its start; 0 stands for that (an empty partition is read to the end).
        return end == null || Math.max(0, Math.max(nextOffset, committed.getOrDefault(partition, -1L))) >= end;
    }

    private void refresh() {
        try {
            Map<Integer, Long> readCommitted = byPartition(offsets.committedOffsets(groupId));
            Map<Integer, Long> readEnds = byPartition(offsets.endOffsets(List.of(topic)));
            committed = readCommitted;
            ends = readEnds;
        } catch (RuntimeException e) {
            // The last good reading stays; the next try is one interval away. Said once at WARN, then at DEBUG.
            if (failures++ == 0) {
                LOG.warn("reading the offsets of {} failed (retried every interval; further failures at DEBUG): {}", topic, e.toString());
            } else {
                LOG.debug("reading the offsets of {} failed: {}", topic, e.toString());
            }
        }
    }

    private Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(topic)) {
                out.put(tp.partition(), offset);
            }
        });
        return Map.copyOf(out);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
