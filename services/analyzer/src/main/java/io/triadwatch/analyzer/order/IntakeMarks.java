package io.triadwatch.analyzer.order;

import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.intake.CodedCombiner;
import io.triadwatch.analyzer.intake.EventIntake;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sits between the intake and the {@code dyad-inputs} repartition, in the intake's task: stamps each
 * impulse with the events partition it came from ({@link SourceStamp}) and, every
 * {@link EventOrder#markInterval()} of wall clock, sends that partition's {@link Watermark} to every
 * dyad partition: the intake's event-time watermark (the latest {@code occurredAt} it accepted, moved
 * by at most the grace period per record), or {@link Watermark#IDLE} once no impulse has passed for
 * {@link EventOrder#idleTimeout()} and the task has read its events partition to the end
 * ({@link SourceBacklog}). A watermark is sent when it changed (and again after the task
 * is re-initialised, e.g. after an aborted transaction, which would have lost the last one). While
 * the task's {@link CodedCombiner} holds open buckets the watermark sent is at most their earliest
 * event time, and the task does not say it is idle: their combined records are still to come.
 * <p>
 * The promise it makes holds when the events partition is in event-time order (an event behind its
 * partition's watermark is applied late by the dyad stage, and counted).
 */
public final class IntakeMarks extends SourceStamp<DyadInput> {
    /** The key of watermark records (they are multicast; the key routes nothing). */
    public static final String MARK_KEY = "~watermark";

    private final EventOrder order;
    private KeyValueStore<String, Long> watermark;
    private long lastInput;
    private long lastSent;
    private long nextOffset;

    /** @param order the ordering settings */
    public IntakeMarks(EventOrder order) {
        this.order = order;
    }

    @Override
    public void init(ProcessorContext<String, DyadInput> context) {
        super.init(context);
        this.watermark = context.getStateStore(AnalyzerStores.EVENT_WATERMARK);
        this.lastInput = context.currentSystemTimeMs();
        this.lastSent = Long.MIN_VALUE;
        this.nextOffset = -1;
        context.schedule(order.markInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        lastInput = context().currentSystemTimeMs();
        context().recordMetadata().ifPresent(m -> nextOffset = Math.max(nextOffset, m.offset() + 1));
        super.process(record);
    }

    private void punctuate(long now) {
        Long reached = watermark.get(EventIntake.WATERMARK);
        // Coded impulses still combining in this task cross later, at their buckets' latest event times:
        // the watermark sent waits for them, and the task is not idle while it holds any.
        Long held = watermark.get(CodedCombiner.HELD);
        // Idle also needs the partition read to the end: a task that has not fetched its backlog yet (after a
        // restart or a rebalance) would otherwise release the others' inputs ahead of it (SourceBacklog).
        boolean idle = held == null && now - lastInput >= order.idleTimeout().toMillis() && order.backlog().caughtUp(source(), nextOffset);
        long value = idle ? Watermark.IDLE : reached == null ? Long.MIN_VALUE : held == null ? reached : Math.min(reached, held);
        if (value == Long.MIN_VALUE || value == lastSent) {
            return;
        }
        if (!idle && lastSent != Watermark.IDLE && value < lastSent) {
            // A watermark never steps back (a bucket opened behind it holds an event that was late anyway).
            return;
        }
        lastSent = value;
        context().forward(new Record<>(MARK_KEY, DyadInput.mark(new Watermark(source(), value)), now));
    }
}
