package io.triadwatch.launcher.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers a test must know the port of before they start. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * @return a port that was free on 127.0.0.1 a moment ago (another process could take it before
     *         the caller binds it; the window is microseconds)
     */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
