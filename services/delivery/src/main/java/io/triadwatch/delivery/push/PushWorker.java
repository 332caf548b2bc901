package io.triadwatch.delivery.push;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pusher's one thread: every send, retry and re-send of a pusher runs here, one at a time, so the
 * pushers need no locking around the HTTP calls. After {@link #close()} new tasks are dropped
 * (logged at debug), never thrown back at the feed's thread.
 */
final class PushWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushWorker.class);

    private final String name;
    private final ScheduledExecutorService executor;

    PushWorker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} soon. */
    void submit(Runnable task) {
        later(task, Duration.ZERO);
    }

    /** Runs {@code task} after {@code delay}. */
    void later(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} is closed; task dropped", name, e);
        }
    }

    /** Runs {@code task} every {@code period}, first after one period; a run that throws is logged and the next one still runs. */
    void every(Duration period, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("periodic task of {} failed; it will run again in {}", name, period, e);
            }
        };
        executor.scheduleWithFixedDelay(guarded, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return executor.isShutdown();
    }

    /** Stops the thread, interrupting a send in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
