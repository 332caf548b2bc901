package io.triadwatch.launcher.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop: the waiting thread returns, the caller
 * closes everything and the process exits 0, instead of the JVM's exit code 130 with shutdown
 * hooks racing the services.
 */
final class Shutdown {
    private final CountDownLatch stop = new CountDownLatch(1);

    Shutdown() {
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
    }

    /** Blocks until a stop signal arrives. */
    void await() throws InterruptedException {
        stop.await();
    }
}
