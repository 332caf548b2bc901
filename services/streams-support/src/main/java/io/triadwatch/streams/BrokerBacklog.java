package io.triadwatch.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Kafka Streams application has read some of its input topics to the end, as the broker
 * sees it: every {@code interval} a daemon thread reads the topics' read_committed end offsets and the
 * application group's committed offsets (committed first: ends only grow, so the answer errs towards
 * "not yet"). A stream thread asks from memory: {@link #caughtUp(String, int, long)} for one partition,
 * {@link #caughtUp()} for every partition of every topic. Neither blocks nor throws.
 * <p>
 * Why: a task that sees no input for a while cannot tell a quiet source from one whose backlog it has
 * not fetched yet (after a restart, behind a burst). Deciding on the wall clock alone lets a backlog
 * arrive behind what was already decided, and the output then depends on timing.
 * <p>
 * Until the first reading succeeds nothing counts as read to the end, for at most {@code patience}:
 * a broker that cannot be read for that long (ACLs, a network fault) must not keep the application
 * waiting for ever, so after it everything counts as read (and a WARN says so), as without this check.
 * Failed readings keep the last good one; a reading the broker refuses (no ACL to read the offsets)
 * is not retried, and everything counts as read from then on (one WARN says which grant is missing).
 */
public final class BrokerBacklog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBacklog.class);

    private final CatchUp offsets;
    /** The watched topics; empty when {@link #internal}. */
    private final List<String> topics;
    /** True to watch the group's own internal topics instead ({@link #internalTopicsOf}). */
    private final boolean internal;
    private final String groupId;
    private final long patienceUntil;
    private final ScheduledExecutorService refresher;
    private volatile Map<TopicPartition, Long> ends;
    private volatile Map<TopicPartition, Long> committed = Map.of();
    private volatile boolean warned;
    /** True once the broker refused the reading: everything counts as read, as after the patience. */
    private volatile boolean denied;
    private long failures;

    /**
     * Starts reading at once.
     *
     * @param admin      an admin client of the application's cluster, closed by the caller after this
     * @param topics     the input topics to watch
     * @param groupId    the application id (its consumer group)
     * @param interval   how often to read
     * @param patience   how long to wait for a first reading before counting everything as read
     * @param threadName the name of the reading thread
     * @throws IllegalArgumentException when {@code topics} is empty
     */
    public BrokerBacklog(Admin admin, Collection<String> topics, String groupId, Duration interval, Duration patience, String threadName) {
        this(admin, requireSome(topics), groupId, interval, patience, threadName, false);
    }

    private static Collection<String> requireSome(Collection<String> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topics to watch");
        }
        return topics;
    }

    private BrokerBacklog(Admin admin, Collection<String> topics, String groupId, Duration interval, Duration patience, String threadName,
                          boolean internal) {
        this.offsets = new CatchUp(admin, line -> { });
        this.topics = List.copyOf(topics);
        this.internal = internal;
        this.groupId = groupId;
        this.patienceUntil = System.nanoTime() + patience.toNanos();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the internal topics of another Kafka Streams application, those named {@code <groupId>-…}
     * on which its group has committed offsets (its repartition topics): {@link #caughtUp()} then says
     * whether it has worked off what its own earlier stages wrote. Starts reading at once.
     *
     * @param admin      an admin client of the application's cluster, closed by the caller after this
     * @param groupId    the application id (its consumer group)
     * @param interval   how often to read
     * @param patience   how long to wait for a first reading before counting everything as read
     * @param threadName the name of the reading thread
     * @return the backlog; a group that has committed nothing yet has none
     */
    public static BrokerBacklog internalTopicsOf(Admin admin, String groupId, Duration interval, Duration patience, String threadName) {
        return new BrokerBacklog(admin, List.of(), groupId, interval, patience, threadName, true);
    }

    /**
     * @param topic      one of the watched topics
     * @param partition  a partition of it
     * @param nextOffset the offset after the last record the asking task processed since it started, or
     *                   -1 when it has processed none (the group's committed offset covers the rest)
     * @return true when the partition has been read to the end as far as is known
     */
    public boolean caughtUp(String topic, int partition, long nextOffset) {
        Map<TopicPartition, Long> known = ends;
        if (denied) {
            return true;
        }
        if (known == null) {
            return patienceOver();
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        Long end = known.get(tp);
        // A partition never committed is read from its start; 0 stands for that (an empty partition is read to the end).
        return end == null || Math.max(0, Math.max(nextOffset, committed.getOrDefault(tp, -1L))) >= end;
    }

    /** @return true when every partition of every watched topic has been committed up to its end, as far as is known */
    public boolean caughtUp() {
        Map<TopicPartition, Long> known = ends;
        if (denied) {
            return true;
        }
        if (known == null) {
            return patienceOver();
        }
        Map<TopicPartition, Long> done = committed;
        return known.entrySet().stream().allMatch(e -> Math.max(0, done.getOrDefault(e.getKey(), -1L)) >= e.getValue());
    }

    private boolean patienceOver() {
        if (System.nanoTime() < patienceUntil) {
            return false;
        }
        if (!warned) {
            warned = true;
            LOG.warn("could not read the offsets of {} yet; they count as read to the end, so a backlog fetched late "
                    + "may be handled as if the input were quiet", what());
        }
        return true;
    }

    private void refresh() {
        try {
            Map<TopicPartition, Long> all = offsets.committedOffsets(groupId);
            List<String> names = internal ? internalTopics(all) : topics;
            Map<TopicPartition, Long> readCommitted = watched(all, names);
            Map<TopicPartition, Long> readEnds = names.isEmpty() ? Map.of() : watched(offsets.endOffsets(names), names);
            committed = readCommitted;
            ends = readEnds;
        } catch (RuntimeException e) {
            // The last good reading stays; the next try is one interval away. Said once at WARN, then at DEBUG;
            // a topic that does not exist yet (an internal topic Kafka Streams creates as it starts) only at DEBUG.
            if (unauthorized(e)) {
                // Retrying will not help; waiting out the patience would only delay what the fallback does anyway.
                if (!warned) {
                    warned = true;
                    LOG.warn("not authorized to read the offsets of {} ({}); they count as read to the end from now on (grant DESCRIBE on "
                            + "group {} and on those topics to have them read)", what(), rootMessage(e), groupId);
                }
                denied = true;
                refresher.shutdown();
            } else if (missingTopic(e)) {
                LOG.debug("{} not all there yet: {}", what(), e.toString());
            } else if (failures++ == 0) {
                LOG.warn("reading the offsets of {} failed (retried every interval; further failures at DEBUG): {}", what(), e.toString());
            } else {
                LOG.debug("reading the offsets of {} failed: {}", what(), e.toString());
            }
        }
    }

    private static boolean unauthorized(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static boolean missingTopic(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return true;
            }
        }
        return false;
    }

    private String what() {
        return internal ? "the internal topics of " + groupId : topics.toString();
    }

    private List<String> internalTopics(Map<TopicPartition, Long> committedByGroup) {
        return committedByGroup.keySet().stream().map(TopicPartition::topic).filter(t -> t.startsWith(groupId + "-")).distinct().sorted().toList();
    }

    private static Map<TopicPartition, Long> watched(Map<TopicPartition, Long> all, List<String> topics) {
        Set<String> names = Set.copyOf(topics);
        Map<TopicPartition, Long> out = new HashMap<>();
        all.forEach((tp, offset) -> {
            if (names.contains(tp.topic())) {
                out.put(tp, offset);
            }
        });
        return Map.copyOf(out);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
