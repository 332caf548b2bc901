package io.triadwatch.analyzer.order;

import io.triadwatch.streams.BrokerBacklog;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * A {@link SourceBacklog} read from the broker ({@link BrokerBacklog} on the events topic): a task has
 * read its partition to the end when the offset after its last processed record, or its group's
 * committed offset (which also covers records that produced no impulse, and a partition with nothing
 * new since the last run), reaches the partition's read_committed end. Until the first reading
 * succeeds nothing counts as read to the end, for at most {@code patience}.
 */
public final class BrokerSourceBacklog implements SourceBacklog, AutoCloseable {
    private final BrokerBacklog broker;
    private final String topic;

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
        this.broker = new BrokerBacklog(admin, List.of(topic), groupId, interval, patience, "analyzer-source-backlog");
        this.topic = topic;
    }

    @Override
    public boolean caughtUp(int partition, long nextOffset) {
        return broker.caughtUp(topic, partition, nextOffset);
    }

    @Override
    public void close() {
        broker.close();
    }
}
