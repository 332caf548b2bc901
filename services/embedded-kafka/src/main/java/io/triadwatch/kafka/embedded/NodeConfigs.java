package io.triadwatch.kafka.embedded;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the server properties of each embedded KRaft node.
 * <p>
 * Three layers, later ones winning: small-cluster defaults, the caller's extra properties, and the
 * structural keys (roles, ids, listeners, quorum, directories) that the cluster must own.
 */
final class NodeConfigs {

    static final String BROKER_LISTENER = "BROKER";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Keys the cluster sets itself; callers may not override them. */
    static final Set<String> RESERVED_KEYS = Set.of(
            "process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "controller.listener.names", "listeners", "advertised.listeners", "listener.security.protocol.map",
            "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir",
            "authorizer.class.name", "super.users", "sasl.enabled.mechanisms", "sasl.mechanism.inter.broker.protocol");

    /** The KRaft authorizer a {@link SaslSsl secured} cluster runs. */
    static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private NodeConfigs() {
    }

    /**
     * Returns the complete server properties of {@code node}; with {@code security} (and its
     * {@code tls}) the client listener is {@code SASL_SSL} and the {@code StandardAuthorizer} runs.
     */
    static Properties forNode(final NodePlan node, final NodePlan controller, final Topology topology,
                              final Map<String, String> extra, final long startupTimeoutMs,
                              final SaslSsl security, final SelfSignedTls tls) {
        final Properties props = new Properties();
        putDefaults(props, topology, startupTimeoutMs);
        if (node.controller()) {
            // Topic-creation defaults belong to the controller role since Kafka 4.x; brokers warn about them.
            props.put("num.partitions", "1");
            props.put("default.replication.factor", Short.toString(topology.internalReplicationFactor()));
        }
        props.putAll(extra);
        putStructure(props, node, controller, security != null);
        if (security != null) {
            putSecurity(props, security, tls);
        }
        return props;
    }

    private static void putSecurity(final Properties props, final SaslSsl security, final SelfSignedTls tls) {
        props.put("authorizer.class.name", STANDARD_AUTHORIZER);
        // ANONYMOUS is the brokers' principal on the PLAINTEXT, loopback-only controller listener.
        props.put("super.users", security.superUserPrincipal() + ";User:ANONYMOUS");
        props.put("sasl.enabled.mechanisms", SaslSsl.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", SaslSsl.MECHANISM);
        final String listener = "listener.name." + BROKER_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        props.put(listener + SaslSsl.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                SaslSsl.jaas(security.superUser(), security.superUserPassword()));
        props.put(listener + "ssl.keystore.type", "PKCS12");
        props.put(listener + "ssl.keystore.location", tls.keyStore().toString());
        props.put(listener + "ssl.keystore.password", tls.password());
        props.put(listener + "ssl.key.password", tls.password());
        // The brokers connect to each other through this listener, so they trust its certificate too.
        props.put(listener + "ssl.truststore.type", "PEM");
        props.put(listener + "ssl.truststore.location", tls.certificate().toString());
    }

    private static void putDefaults(final Properties props, final Topology topology, final long startupTimeoutMs) {
        final String replication = Short.toString(topology.internalReplicationFactor());
        final String minIsr = Integer.toString(topology.internalMinIsr());
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.replication.factor", replication);
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", replication);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", replication);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("share.coordinator.state.topic.num.partitions", "5");
        // The smallest segment Kafka accepts, so compaction and retention act on small test data.
        props.put("log.segment.bytes", Integer.toString(1024 * 1024));
        // Keep records regardless of their timestamps: replays carry event times years in the past.
        props.put("log.retention.ms", "-1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("server.max.startup.time.ms", Long.toString(startupTimeoutMs));
        // Kafka's broker session (9 s, heartbeat 2 s) stays: after a kill -9 the restarted broker waits up to
        // 9 s for its old session to expire (DUPLICATE_BROKER_REGISTRATION). A 6 s session saved 3 s of that,
        // but a broker starved of CPU for longer than its session is fenced, and 2-core CI machines starve.
    }

    private static void putStructure(final Properties props, final NodePlan node, final NodePlan controller,
                                     final boolean secured) {
        props.put("process.roles", node.processRoles());
        props.put("node.id", Integer.toString(node.nodeId()));
        props.put("controller.quorum.voters",
                controller.nodeId() + "@" + LoopbackPorts.HOST + ":" + controller.controllerPort());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + (secured ? ":SASL_SSL," : ":PLAINTEXT,") + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", node.directory().toString());
        props.put("metadata.log.dir", node.directory().toString());
        final String brokerListener = BROKER_LISTENER + "://" + node.brokerAddress();
        final String controllerListener = CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + node.controllerPort();
        if (node.broker() && node.controller()) {
            props.put("listeners", String.join(",", List.of(brokerListener, controllerListener)));
        } else if (node.broker()) {
            props.put("listeners", brokerListener);
        } else {
            props.put("listeners", controllerListener);
        }
        if (node.broker()) {
            props.put("advertised.listeners", brokerListener);
        }
    }
}
