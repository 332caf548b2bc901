package io.triadwatch.ingest.publish;

import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One pass of input through an {@link EventPublisher}: counts what was read, published, repeated
 * and rejected, keeps the number of unacknowledged sends bounded, reports progress, and at
 * {@link #finish()} waits for every acknowledgement so that the summary is true.
 * Not thread-safe: one reader drives a run.
 */
public final class IngestRun {
    /** Sends awaited together; bounds memory and makes progress visible. */
    static final int CHUNK = 10_000;
    /** How often progress is reported, in inputs read. */
    static final int PROGRESS_EVERY = 100_000;

    private final EventPublisher publisher;
    private final String channel;
    private final Consumer<String> progress;
    private final List<CompletableFuture<EventPublisher.Outcome>> inFlight = new ArrayList<>();
    private final List<CompletableFuture<Void>> deadLettersInFlight = new ArrayList<>();
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Long> skipped = new java.util.TreeMap<>();
    private final long startNanos = System.nanoTime();
    private Instant until;
    private int pace;
    private Runnable barrier;
    private long sincePace;
    private long read;
    private long published;
    private long duplicates;

    /**
     * @param channel  counter tag and DLQ source prefix, e.g. {@code cli}
     * @param progress receives a line every {@value #PROGRESS_EVERY} inputs
     */
    public IngestRun(EventPublisher publisher, String channel, Consumer<String> progress) {
        this.publisher = publisher;
        this.channel = channel;
        this.progress = progress;
    }

    /**
     * Bounds the run in event time: events after {@code end} are skipped as {@code after-until}.
     *
     * @return this run
     */
    public IngestRun until(Instant end) {
        this.until = end;
        return this;
    }

    /**
     * Paces the run: after every {@code events} events, waits until they are acknowledged and then
     * runs {@code barrier} (e.g. "wait until the analyzer has processed everything"), so that no two
     * events further apart than a pace are in flight together. A backtest uses it to keep events
     * that a consumer must see in event-time order from overtaking each other across partitions.
     *
     * @return this run
     */
    public IngestRun pacedBy(int events, Runnable barrier) {
        if (events < 1) {
            throw new IllegalArgumentException("pace must be at least 1 event, got " + events);
        }
        this.pace = events;
        this.barrier = barrier;
        return this;
    }

    /** @return the channel: counter tag and DLQ source prefix */
    public String channel() {
        return channel;
    }

    /** Offers one accepted event (skipped when after the run's {@link #until} bound). */
    public void event(Event event) {
        if (until != null && event.occurredAt().isAfter(until)) {
            skipped("after-until");
            return;
        }
        read++;
        inFlight.add(publisher.publish(event, channel));
        afterInput();
        if (barrier != null && ++sincePace >= pace) {
            sincePace = 0;
            publisher.flush();
            settle();
            barrier.run();
        }
    }

    /** Records one rejected input and sends it to the DLQ. */
    public void rejected(byte[] raw, Rejection rejection, String source) {
        read++;
        rejected.merge(rejection.reason(), 1L, Long::sum);
        deadLettersInFlight.add(publisher.deadLetter(raw, rejection, source, channel));
        afterInput();
    }

    /**
     * Records a valid input deliberately left out (not sent anywhere), e.g. a row without two
     * country actors or an event after the replay's end date.
     *
     * @param reason a short kebab-case reason, shown in the summary
     */
    public void skipped(String reason) {
        read++;
        skipped.merge(reason, 1L, Long::sum);
        afterInput();
    }

    /** Flushes, waits for every acknowledgement, and returns the summary. */
    public IngestSummary finish() {
        publisher.flush();
        settle();
        return summary();
    }

    /** @return the counts so far (acknowledged sends only) */
    public IngestSummary summary() {
        return new IngestSummary(read, published, duplicates, rejected, skipped);
    }

    private void afterInput() {
        if (inFlight.size() + deadLettersInFlight.size() >= CHUNK) {
            settle();
        }
        if (read % PROGRESS_EVERY == 0) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            progress.accept(String.format("... %,d read (%,.0f/s): %s", read, read / Math.max(seconds, 1e-9), summary().describe()));
        }
    }

    private void settle() {
        for (CompletableFuture<EventPublisher.Outcome> future : inFlight) {
            try {
                if (future.join() == EventPublisher.Outcome.PUBLISHED) {
                    published++;
                } else {
                    duplicates++;
                }
            } catch (CompletionException e) {
                rejected.merge(RejectReason.PUBLISH_FAILED, 1L, Long::sum);
                progress.accept("publish failed: " + e.getCause());
            }
        }
        inFlight.clear();
        for (CompletableFuture<Void> future : deadLettersInFlight) {
            try {
                future.join();
            } catch (CompletionException e) {
                // The input is already counted as rejected; say loudly that its DLQ copy is missing.
                progress.accept("could not write a rejected input to the DLQ: " + e.getCause());
            }
        }
        deadLettersInFlight.clear();
    }
}
