package io.triadwatch.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Finds and checks TCP ports on the IPv4 loopback address, where every embedded listener binds. */
final class LoopbackPorts {

    /** The only host the embedded cluster listens on or advertises. */
    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * Returns a port that was free a moment ago. Another process may still take it before Kafka
     * binds it; {@link EmbeddedKafkaCluster#start()} retries with fresh ports when that happens.
     */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }

    /**
     * Fails with a message naming the port if something already listens on it.
     *
     * @throws IllegalStateException if {@code port} cannot be bound on the loopback address
     */
    static void requireFree(final int port, final String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
        } catch (BindException e) {
            throw new IllegalStateException("Cannot start the embedded Kafka " + purpose + " on " + HOST + ":" + port
                    + ": port " + port + " is already in use (is another Kafka broker running?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check port " + port + " on " + HOST, e);
        }
    }

    /** Returns whether {@code failure} or one of its causes is a failure to bind a socket. */
    static boolean isBindFailure(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByName(HOST);
    }
}
