package io.triadwatch.bench.e2e;

import io.triadwatch.streams.CatchUp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Times a Streams application until its committed offsets reach the end of its input, with the
 * launcher's {@link CatchUp} (the exact meaning of "everything processed"), and samples the
 * committed offsets meanwhile so that a run cut short by its time limit still reports how far it got.
 */
final class CatchUpTimer {
    private final Admin admin;
    private final Progress progress;

    /**
     * How one application caught up.
     *
     * @param group          the application id
     * @param inputRecords   input offsets to process (end minus committed at the start)
     * @param processed      input offsets processed (equal to inputRecords when caught up)
     * @param seconds        from the start instant to catching up (or to the time limit)
     * @param firstCommit    seconds from the start instant to the first committed progress (startup, assignment, restore)
     * @param caughtUp       false when the time limit cut the wait short
     */
    record Result(String group, long inputRecords, long processed, double seconds, double firstCommit, boolean caughtUp) {
        /** @return offsets per second over the whole time */
        double rate() {
            return seconds <= 0 ? 0 : processed / seconds;
        }

        /** @return offsets per second after the first commit (steady state, startup excluded) */
        double steadyRate() {
            double s = seconds - firstCommit;
            return s <= 0 ? rate() : processed / s;
        }
    }

    CatchUpTimer(Admin admin, Progress progress) {
        this.admin = admin;
        this.progress = progress;
    }

    /**
     * Waits for {@code group} to catch up with {@code sources} and with its own repartition topics
     * (a Streams app with several sub-topologies has processed everything only when each stage has).
     *
     * @param sources    the application's source topics that are not internal
     * @param startNanos when the application was started ({@link System#nanoTime()})
     * @param baseline   the group's committed sum on {@code sources} before the run (0 for a new group)
     * @param timeout    the longest wait
     */
    Result await(String group, List<String> sources, long startNanos, long baseline, Duration timeout) throws InterruptedException {
        Offsets offsets = new Offsets(admin);
        Map<TopicPartition, Long> sourceEnds = offsets.ends(sources);
        long total = sourceEnds.values().stream().mapToLong(Long::longValue).sum() - baseline;
        Sampler sampler = new Sampler(offsets, group, sourceEnds, baseline, startNanos);
        Thread thread = new Thread(sampler, "catch-up-sampler");
        thread.setDaemon(true);
        thread.start();
        boolean caughtUp = true;
        try {
            // CatchUp includes the group's repartition topics and re-reads every end on each pass.
            new CatchUp(admin, progress).await(group, sources, timeout);
        } catch (IllegalStateException e) {
            caughtUp = false;
            progress.accept("time limit: " + e.getMessage());
        } finally {
            sampler.stop();
            thread.join(5_000);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long processed = caughtUp ? total : Math.max(0, offsets.committedSum(group, sourceEnds) - baseline);
        double first = sampler.firstCommitSeconds < 0 ? seconds : Math.min(sampler.firstCommitSeconds, seconds);
        return new Result(group, total, processed, seconds, first, caughtUp);
    }

    private static final class Sampler implements Runnable {
        private final Offsets offsets;
        private final String group;
        private final Map<TopicPartition, Long> ends;
        private final long baseline;
        private final long startNanos;
        private volatile boolean running = true;
        volatile double firstCommitSeconds = -1;

        Sampler(Offsets offsets, String group, Map<TopicPartition, Long> ends, long baseline, long startNanos) {
            this.offsets = offsets;
            this.group = group;
            this.ends = ends;
            this.baseline = baseline;
            this.startNanos = startNanos;
        }

        @Override
        public void run() {
            while (running && firstCommitSeconds < 0) {
                try {
                    if (offsets.committedSum(group, ends) > baseline) {
                        firstCommitSeconds = (System.nanoTime() - startNanos) / 1e9;
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the group may not exist yet; try again
                    sleepQuietly();
                }
            }
        }

        private static void sleepQuietly() {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            running = false;
        }
    }
}
