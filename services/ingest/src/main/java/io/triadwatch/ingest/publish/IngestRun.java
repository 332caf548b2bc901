package io.triadwatch.ingest.publish;

import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.EventTimeWindow;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One pass of input through an {@link EventPublisher}: counts what was read, published, repeated
 * and rejected, refuses events outside its {@link EventTimeWindow} (judged against the wall clock
 * when the event is offered) as {@code OUT_OF_RANGE}, keeps the number of unacknowledged sends bounded, reports progress, and at
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
    private EventTimeWindow window = EventTimeWindow.fromEnvironment();
    private Clock clock = Clock.systemUTC();
    private Instant until;
    private int pace;
    private Runnable barrier;
    private Duration orderSpan;
    private final List<Event> held = new ArrayList<>();
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
     * Sets the event times accepted (default: {@link EventTimeWindow#fromEnvironment()}) and the
     * clock "now" is read from (default: the system clock).
     *
     * @return this run
     */
    public IngestRun window(EventTimeWindow accepted, Clock now) {
        this.window = Objects.requireNonNull(accepted, "accepted");
        this.clock = Objects.requireNonNull(now, "now");
        return this;
    }

    /**
     * @return {@code decoded}, or its {@code OUT_OF_RANGE} rejection when its event time is outside
     *         this run's window now; for readers that report rejections with their position
     */
    public Decoded<Event> admit(Decoded<Event> decoded) {
        return window.admit(decoded, clock.instant());
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
     * Replaces any earlier pacing.
     *
     * @return this run
     */
    public IngestRun pacedBy(int events, Runnable barrier) {
        if (events < 1) {
            throw new IllegalArgumentException("pace must be at least 1 event, got " + events);
        }
        this.pace = events;
        this.barrier = barrier;
        this.orderSpan = null;
        return this;
    }

    /**
     * Publishes the run in event-time order, paced by event time: events are held until
     * {@link #finish()}, sorted by {@code occurredAt} (stably: equal times keep their input order),
     * and sent in paces of at most {@code maxEvents} events that each span at most {@code span} of
     * event time; after each pace the run waits for its acknowledgements and runs {@code barrier}.
     * Sorted, no event is behind what its partition already carries, so files in any order, or
     * combined, lose nothing as {@code LATE}; paced, events reach each dyad at most {@code span}
     * out of order, so the analyzer can measure every move at its own event time. Holds every event
     * of the run in memory. Rejected inputs still go to the DLQ as they are read. Replaces any
     * earlier pacing.
     *
     * @return this run
     */
    public IngestRun inEventTimeOrder(Duration span, int maxEvents, Runnable barrier) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("the pace span must not be negative, got " + span);
        }
        pacedBy(maxEvents, barrier);
        this.orderSpan = span;
        return this;
    }

    /** @return the channel: counter tag and DLQ source prefix */
    public String channel() {
        return channel;
    }

    /**
     * Offers one accepted event: skipped when after the run's {@link #until} bound, rejected as
     * {@code OUT_OF_RANGE} (its JSON to the DLQ, source = the channel, a line to the progress
     * consumer) when outside the window.
     */
    public void event(Event event) {
        Rejection outside = window.check(event, clock.instant());
        if (outside != null) {
            progress.accept(channel + ": event " + event.id() + ": " + outside.reason() + " at " + outside.field() + ": " + outside.detail());
            rejected(Json.bytes(event), outside, channel);
            return;
        }
        if (until != null && event.occurredAt().isAfter(until)) {
            skipped("after-until");
            return;
        }
        read++;
        if (orderSpan != null) {
            held.add(event);
            afterInput();
            return;
        }
        boolean paceEnd = barrier != null && sincePace + 1 >= pace;
        inFlight.add(publisher.publish(event, channel, paceEnd));
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

    /** Publishes what is held (in event-time order), flushes, waits for every acknowledgement, and returns the summary. */
    public IngestSummary finish() {
        publishHeld();
        publisher.flush();
        settle();
        return summary();
    }

    /** @return the counts so far (acknowledged sends only) */
    public IngestSummary summary() {
        return new IngestSummary(read, published, duplicates, rejected, skipped);
    }

    private void publishHeld() {
        held.sort(Comparator.comparing(Event::occurredAt));
        Instant paceStart = null;
        long sent = 0;
        int inPace = 0;
        for (int i = 0; i < held.size(); i++) {
            Event event = held.get(i);
            if (paceStart != null && startsPace(event, paceStart, inPace)) {
                publisher.flush();
                settle();
                barrier.run();
                paceStart = null;
                inPace = 0;
            }
            inPace++;
            if (paceStart == null) {
                paceStart = event.occurredAt();
            }
            // The last event of each pace says so (PaceEnd): the analyzer need not wait to be idle before the barrier.
            boolean paceEnd = i + 1 == held.size() || startsPace(held.get(i + 1), paceStart, inPace);
            inFlight.add(publisher.publish(event, channel, paceEnd));
            if (inFlight.size() >= CHUNK) {
                settle();
            }
            if (++sent % PROGRESS_EVERY == 0) {
                progress.accept(String.format("... %,d of %,d sent in event-time order, up to %s: %s", sent, held.size(), event.occurredAt(), summary().describe()));
            }
        }
        held.clear();
    }

    /** @return true when {@code event} does not fit the pace that started at {@code paceStart} with {@code inPace} events */
    private boolean startsPace(Event event, Instant paceStart, int inPace) {
        return inPace >= pace || event.occurredAt().isAfter(paceStart.plus(orderSpan));
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
