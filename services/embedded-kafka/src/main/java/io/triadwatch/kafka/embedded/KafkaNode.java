package io.triadwatch.kafka.embedded;

import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running KRaft node: a {@link KafkaRaftServer} and the plan it was built from. */
final class KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private final NodePlan plan;
    private final Properties serverProperties;
    private final KafkaRaftServer server;

    private KafkaNode(final NodePlan plan, final Properties serverProperties, final KafkaRaftServer server) {
        this.plan = plan;
        this.serverProperties = serverProperties;
        this.server = server;
    }

    /** Creates the server of a node whose storage is already formatted. Does not start it. */
    static KafkaNode create(final NodePlan plan, final Properties serverProperties) {
        final KafkaConfig config = KafkaConfig.fromProps(serverProperties, false);
        return new KafkaNode(plan, serverProperties, new KafkaRaftServer(config, Time.SYSTEM));
    }

    /**
     * Creates a new, not yet started server for the same node: same id, ports, directory and
     * properties. A {@link KafkaRaftServer} cannot start again once shut down, so a restart needs one.
     */
    KafkaNode recreate() {
        return create(plan, serverProperties);
    }

    NodePlan plan() {
        return plan;
    }

    /** Starts the node; a broker returns once it is registered with the controller and unfenced. */
    void startup() {
        server.startup();
    }

    /** Stops the node and waits until it is down. Failures are logged, never thrown. */
    void shutdown() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka node {} did not shut down cleanly: {}", plan.nodeId(), e.toString());
        }
    }
}
