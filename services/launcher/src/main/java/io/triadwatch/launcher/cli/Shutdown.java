package io.triadwatch.launcher.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop: the waiting thread returns, the caller
 * closes everything and the process exits 0, instead of the JVM's exit code 130 with shutdown
 * hooks racing the services.
 * <p>
 * A signal always stops the process within {@link #STOP_BUDGET}: one that arrives while the
 * command is still starting (checking the cluster, starting its roles) interrupts the starting
 * thread, so the command unwinds and closes what it had started; and if stopping has not ended the
 * process within the budget (a client that does not close, a start-up that ignores the interrupt),
 * a watchdog says so in one line and halts the JVM with exit code 1. A second signal halts at once.
 */
public final class Shutdown {
    /** Longest a stop may take before the process is halted; within the 10 s orchestrators usually grant. */
    static final Duration STOP_BUDGET = Duration.ofSeconds(8);
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread starter = Thread.currentThread();
    private boolean waiting;

    Shutdown() {
        Signal.handle(new Signal("INT"), this::onSignal);
        Signal.handle(new Signal("TERM"), this::onSignal);
    }

    private void onSignal(Signal signal) {
        if (!REQUESTED.compareAndSet(false, true)) {
            Console.err("second SIG" + signal.getName() + ": exiting now");
            Runtime.getRuntime().halt(1);
        }
        stop.countDown();
        synchronized (this) {
            if (!waiting) {
                starter.interrupt();
            }
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_BUDGET.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Console.err("still stopping " + STOP_BUDGET.toSeconds() + " s after SIG" + signal.getName() + ": exiting now");
            Runtime.getRuntime().halt(1);
        }, "triadwatch-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** @return true once a stop signal has arrived in this process (a command's failure is then the stop's doing) */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /** Blocks until a stop signal arrives (at once when one already has). */
    void await() throws InterruptedException {
        synchronized (this) {
            waiting = true;
            if (REQUESTED.get()) {
                // The signal may have interrupted this thread before it got here: that interrupt is spent.
                Thread.interrupted();
                return;
            }
        }
        stop.await();
    }
}
