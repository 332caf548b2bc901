package io.triadwatch.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of one start of a cluster: ids, roles, directories and freshly chosen ports.
 *
 * @param nodes      every node, the dedicated controller (if any) first
 * @param controller the node that is the quorum's only voter
 */
record ClusterPlan(List<NodePlan> nodes, NodePlan controller) {

    /**
     * Plans the nodes of {@code topology} inside {@code dataDirectory}. The first broker gets
     * {@code firstBrokerPort} unless it is 0; every other listener gets a free loopback port.
     */
    static ClusterPlan of(final Topology topology, final Path dataDirectory, final int firstBrokerPort) {
        final List<NodePlan> nodes = new ArrayList<>();
        final int controllerPort = LoopbackPorts.pickFree();
        NodePlan controller = null;
        if (!topology.isCombined()) {
            controller = new NodePlan(topology.controllerNodeId(), false, true,
                    DataDirectories.nodeDirectory(dataDirectory, topology.controllerNodeId()), -1, controllerPort);
            nodes.add(controller);
        }
        boolean first = true;
        for (int nodeId : topology.brokerNodeIds()) {
            final int port = first && firstBrokerPort != 0 ? firstBrokerPort : LoopbackPorts.pickFree();
            final NodePlan broker = new NodePlan(nodeId, true, topology.isCombined(),
                    DataDirectories.nodeDirectory(dataDirectory, nodeId), port,
                    topology.isCombined() ? controllerPort : -1);
            nodes.add(broker);
            if (controller == null) {
                controller = broker;
            }
            first = false;
        }
        return new ClusterPlan(List.copyOf(nodes), controller);
    }
}
