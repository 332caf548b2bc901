package io.triadwatch.kafka.embedded;

import java.nio.file.Path;

/**
 * One KRaft node of an embedded cluster, with the ports chosen for this start.
 *
 * @param nodeId         the KRaft node id
 * @param broker         whether the node has the broker role
 * @param controller     whether the node has the controller role
 * @param directory      the node's log and metadata directory
 * @param brokerPort     the client listener port, or -1 if the node is not a broker
 * @param controllerPort the controller listener port, or -1 if the node is not a controller
 */
record NodePlan(int nodeId, boolean broker, boolean controller, Path directory, int brokerPort, int controllerPort) {

    /** Returns the value of {@code process.roles} for this node. */
    String processRoles() {
        if (broker && controller) {
            return "broker,controller";
        }
        return broker ? "broker" : "controller";
    }

    /** Returns {@code host:port} of the client listener. */
    String brokerAddress() {
        return LoopbackPorts.HOST + ":" + brokerPort;
    }
}
