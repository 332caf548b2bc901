package io.triadwatch.kafka.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of an {@link EmbeddedKafkaCluster}: which KRaft nodes run and which roles they have.
 * <p>
 * Two shapes are offered:
 * <ul>
 *   <li>{@link #combined()}: one node with {@code process.roles=broker,controller}, node id 1.
 *       Fast to start; the default, and what the demo uses.</li>
 *   <li>{@link #controllerPlusBrokers(int)}: one dedicated controller (node id 100) and
 *       {@code n} brokers (node ids 101, 102, ...), for tests that need replication factor 3.</li>
 * </ul>
 * Node ids are part of the on-disk format: a data directory written with one topology must be
 * restarted with the same topology.
 */
public final class Topology {

    static final int COMBINED_NODE_ID = 1;
    static final int CONTROLLER_NODE_ID = 100;

    private final boolean combined;
    private final int brokerCount;

    private Topology(final boolean combined, final int brokerCount) {
        this.combined = combined;
        this.brokerCount = brokerCount;
    }

    /**
     * Returns a single-node topology in which one process is both broker and controller.
     *
     * @return the combined topology
     */
    public static Topology combined() {
        return new Topology(true, 1);
    }

    /**
     * Returns a topology of one dedicated controller and the given number of brokers.
     *
     * @param brokers the number of broker nodes, at least 1
     * @return the topology
     * @throws IllegalArgumentException if {@code brokers} is less than 1
     */
    public static Topology controllerPlusBrokers(final int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("A cluster needs at least one broker, got " + brokers);
        }
        return new Topology(false, brokers);
    }

    /**
     * Returns whether this topology is a single combined broker-and-controller node.
     *
     * @return {@code true} for {@link #combined()}
     */
    public boolean isCombined() {
        return combined;
    }

    /**
     * Returns the number of nodes that have the broker role.
     *
     * @return the broker count
     */
    public int brokerCount() {
        return brokerCount;
    }

    /**
     * Returns the replication factor that suits the cluster's internal topics:
     * the broker count, capped at 3.
     */
    short internalReplicationFactor() {
        return (short) Math.min(3, brokerCount);
    }

    /** Returns the min ISR that suits the internal topics: 2 when they have 3 replicas, else 1. */
    int internalMinIsr() {
        return internalReplicationFactor() >= 3 ? 2 : 1;
    }

    /** Returns the node id of the (only) controller. */
    int controllerNodeId() {
        return combined ? COMBINED_NODE_ID : CONTROLLER_NODE_ID;
    }

    /** Returns the node ids of the brokers, in start order. */
    List<Integer> brokerNodeIds() {
        if (combined) {
            return List.of(COMBINED_NODE_ID);
        }
        final List<Integer> ids = new ArrayList<>(brokerCount);
        for (int i = 1; i <= brokerCount; i++) {
            ids.add(CONTROLLER_NODE_ID + i);
        }
        return Collections.unmodifiableList(ids);
    }

    /** Returns the ids of all nodes, the dedicated controller (if any) first. */
    Set<Integer> nodeIds() {
        final Set<Integer> ids = new TreeSet<>(brokerNodeIds());
        ids.add(controllerNodeId());
        return ids;
    }

    @Override
    public String toString() {
        return combined ? "combined" : "controllerPlusBrokers(" + brokerCount + ")";
    }
}
