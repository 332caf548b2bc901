package io.triadwatch.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Loopback ports where no Kafka answers, for the fail-fast tests. */
public final class Ports {
    private Ports() {
    }

    /** @return a loopback port that was free a moment ago and is closed now (connections are refused) */
    public static int closed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** @return a listener that accepts every connection and never sends a byte (a stuck or non-Kafka service) */
    public static Silent silent() throws IOException {
        return new Silent(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** A listener that accepts and stays silent; counts the connections it accepted. */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        private Silent(ServerSocket server) {
            this.server = server;
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** @return the port */
        public int port() {
            return server.getLocalPort();
        }

        /** @return the connections accepted so far */
        public int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
