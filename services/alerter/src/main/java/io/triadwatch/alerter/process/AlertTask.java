package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.alerter.lifecycle.Lifecycle;
import io.triadwatch.alerter.rules.RuleBook;
import io.triadwatch.model.alert.Alert;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The alert machinery one processor task composes: its rules, event-time clock, lifecycle ledger,
 * deadlines, rule runner and emitter, wired on one task's stores. Event time is the task's watermark:
 * whenever it advances, every deadline at or before it is applied first. A wall-clock punctuation
 * every {@code ruleSweepInterval} resolves alerts whose rule was deleted, disabled or narrowed, at the
 * current event time.
 *
 * @param rules     the rules in force
 * @param lifecycle the lifecycle state machine
 * @param clock     the task's event time
 * @param ledger    lifecycle entries and deadlines
 * @param deadlines applies due deadlines
 * @param runner    runs the rules on a state
 * @param emitter   builds and writes records
 */
record AlertTask(RuleBook rules, Lifecycle lifecycle, EventTimeClock clock, AlertLedger ledger, DeadlineRunner deadlines,
                 RuleRunner runner, AlertEmitter emitter) {

    /** The stores of one kind of subject. */
    record Stores(String lifecycle, String deadlines, String clock) {
        static final Stores DYAD = new Stores(AlerterStores.DYAD_LIFECYCLE, AlerterStores.DYAD_DEADLINES, AlerterStores.DYAD_CLOCK);
        static final Stores TRIAD = new Stores(AlerterStores.TRIAD_LIFECYCLE, AlerterStores.TRIAD_DEADLINES, AlerterStores.TRIAD_CLOCK);
    }

    /**
     * Wires the machinery on a task's stores and schedules the rule sweep.
     *
     * @param context  the processor's context
     * @param config   the alerter configuration
     * @param metrics  the alerter metrics
     * @param stores   the task's stores
     * @param urlPath  the dashboard view of the subjects ({@code dyad}, {@code triad})
     * @param handler  the processor's reaction to a deadline
     * @param caps     how far event time may run each subject's deadlines
     * @return the task's machinery
     */
    static AlertTask open(ProcessorContext<String, Alert> context, AlerterConfig config, AlerterMetrics metrics, Stores stores,
                          String urlPath, DeadlineRunner.Handler handler, DeadlineRunner.Caps caps) {
        RuleBook rules = new RuleBook(context.getStateStore(AlerterStores.RULES));
        Lifecycle lifecycle = new Lifecycle(config.pointAlertHold());
        AlertEmitter emitter = new AlertEmitter(context, metrics, config.dashboardBaseUrl(), urlPath);
        AlertLedger ledger = new AlertLedger(context.getStateStore(stores.lifecycle()), context.getStateStore(stores.deadlines()),
                metrics, emitter, stores.lifecycle() + "/" + context.taskId());
        EventTimeClock clock = new EventTimeClock(context.getStateStore(stores.clock()));
        AlertTask task = new AlertTask(rules, lifecycle, clock, ledger,
                new DeadlineRunner(ledger, rules, lifecycle, emitter, metrics, handler, caps),
                new RuleRunner(ledger, rules, lifecycle, emitter, metrics), emitter);
        context.schedule(config.ruleSweepInterval(), PunctuationType.WALL_CLOCK_TIME, task::sweep);
        return task;
    }

    /** Moves the task's event time forward to {@code t} (never back) and applies what has come due. */
    void advanceTo(Instant t, long timestamp) {
        deadlines.runDue(clock.advanceTo(t), timestamp);
    }

    /** @return the task's event time, or null before its first state */
    Instant now() {
        return clock.now();
    }

    /**
     * Applies what has come due at the current event time: after a late state opened an episode in
     * the past, its end (hold, window slide) is usually due already, and is written at once.
     */
    void settle(long timestamp) {
        Instant now = clock.now();
        if (now != null) {
            deadlines.runDue(now, timestamp);
        }
    }

    /** @return the record builder; {@code appendedAt} is copied onto RESOLVED records the current record causes */
    AlertMaker maker(Instant appendedAt) {
        return emitter.maker(appendedAt);
    }

    /** Releases what the task holds outside its stores. */
    void close() {
        ledger.close();
    }

    private void sweep(long wallClock) {
        Instant now = clock.now();
        if (now != null) {
            runner.sweep(now, wallClock);
        }
    }
}
