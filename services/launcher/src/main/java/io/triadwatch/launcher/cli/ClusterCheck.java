package io.triadwatch.launcher.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Checks, before a command starts anything, that the cluster it was given answers: Kafka clients
 * otherwise retry an unreachable broker for ever without a word.
 * <p>
 * First each bootstrap address gets a plain TCP connection (at most the timeout, and at most five
 * seconds): when none accepts one, the check fails at once with each address's reason (connection
 * refused, unknown host, no answer). Then an Admin client asks for the cluster description
 * ({@code describeCluster}) within the timeout, with the command's own client properties (so TLS and
 * SASL are checked too). Either failure is one {@link ClusterUnreachableException} whose message is
 * a single line naming the addresses and the reason. A command that runs roles then checks their
 * permissions ({@link io.triadwatch.launcher.security.AccessCheck}, through
 * {@link KafkaOptions#reachableCluster(java.util.Set)}), which fails as clearly for a missing ACL.
 */
public final class ClusterCheck {
    /** The default of {@code --kafka-timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_TCP_WAIT = Duration.ofSeconds(5);

    private ClusterCheck() {
    }

    /**
     * @param kafka   client properties with {@code bootstrap.servers}
     * @param timeout how long the cluster may take to answer, positive
     * @return the number of brokers the cluster described
     * @throws ClusterUnreachableException when no address accepts a connection, or the cluster does not describe itself in time
     * @throws InterruptedException        when the thread is interrupted while waiting (a stop signal during start-up)
     */
    public static int require(Map<String, Object> kafka, Duration timeout) throws InterruptedException {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the Kafka timeout must be positive, got " + timeout);
        }
        String servers = String.valueOf(kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        List<String> reasons = new ArrayList<>();
        for (String address : servers.split(",")) {
            String reason = tcpReason(address.strip(), timeout.compareTo(MAX_TCP_WAIT) < 0 ? timeout : MAX_TCP_WAIT);
            if (reason == null) {
                return describe(kafka, servers, timeout);
            }
            reasons.add(address.strip() + ": " + reason);
        }
        throw new ClusterUnreachableException("cannot reach Kafka at " + servers + " (" + String.join("; ", reasons) + ")");
    }

    /** @return why no TCP connection to {@code address} could be made, or null when one was */
    static String tcpReason(String address, Duration wait) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return "not HOST:PORT";
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "port '" + address.substring(colon + 1) + "' is not a number";
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            return "unknown host " + host;
        }
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) wait.toMillis());
            return null;
        } catch (ConnectException | NoRouteToHostException e) {
            return e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        } catch (SocketTimeoutException e) {
            return "no answer within " + wait.toSeconds() + " s";
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IOException | IllegalArgumentException e) {
            return e.toString();
        }
    }

    private static int describe(Map<String, Object> kafka, String servers, Duration timeout) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "triadwatch-cluster-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Admin admin = Admin.create(props);
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS).size();
            if (brokers == 0) {
                throw new ClusterUnreachableException("Kafka at " + servers + " describes a cluster without brokers");
            }
            return brokers;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof TimeoutException
                    ? "no Kafka answer within " + timeout.toSeconds() + " s (is it a Kafka listener, and does --kafka-config match its"
                            + " security protocol? --kafka-timeout waits longer)"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new ClusterUnreachableException("cannot use Kafka at " + servers + ": " + reason);
        } finally {
            // Bounded: a client still connecting must not hold the command up.
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The cluster a command needs does not answer; the message is one line for the user. */
    public static final class ClusterUnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClusterUnreachableException(String message) {
            super(message);
        }
    }
}
