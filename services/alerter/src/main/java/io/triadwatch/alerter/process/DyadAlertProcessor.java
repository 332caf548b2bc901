package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.AlerterTopology;
import io.triadwatch.alerter.context.ContextCut;
import io.triadwatch.alerter.context.ContextReadings;
import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.alerter.context.DyadContextStore;
import io.triadwatch.alerter.evaluate.DyadHistory;
import io.triadwatch.alerter.evaluate.DyadHistoryStore;
import io.triadwatch.alerter.evaluate.DyadMove;
import io.triadwatch.alerter.evaluate.DyadRules;
import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.alerter.evaluate.Observation;
import io.triadwatch.alerter.lifecycle.AlertMaker;
import io.triadwatch.alerter.lifecycle.Lifecycle;
import io.triadwatch.alerter.lifecycle.LifecycleEntry;
import io.triadwatch.alerter.lifecycle.Step;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.DyadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the dyad rules on each dyad state and runs their lifecycles. A state whose event the
 * dyad's history already holds is a duplicate and changes nothing. Unless
 * {@link AlerterConfig#skipQuietStates()} is off, a rule with no open episode on the dyad is evaluated
 * only when the state can trigger it ({@link DyadRules#cannotTrigger}): most states are news-tone moves
 * that no default rule counts, and they still enter the dyad's history.
 * <p>
 * A state whose alerts could cite triad context waits for it ({@link ContextGate}): when the dyad is in
 * a watched triad whose reading of the state's move has not arrived yet, and some rule may observe the
 * state, the state is held until every such reading is here, or until {@link AlerterConfig#contextTimeout()}
 * of wall clock has passed since it was held and since the task's last reading while the readings' inputs
 * have no backlog on the broker (counted), or until {@link AlerterConfig#MAX_CONTEXT_HOLD_FACTOR} timeouts
 * have passed since it was held and the readings' inputs have been read to their end at least once since
 * then (a task whose other triads keep moving never goes quiet). A backlog (a restart, a burst) delays
 * the readings by tens of seconds: Kafka Streams may work through the dyad-state partition while the
 * triad-state and context partitions wait their turn, so no
 * reading reaches the task for a long while although the one a state waits for is on its way (found by
 * the exactly-once runs, docs/reliability.md); evaluating without it would make the alert's context
 * depend on timing. Held states are looked at again whenever a triad reading
 * for their dyad arrives, and by a wall-clock punctuation. A later state of a held dyad queues behind it.
 */
public final class DyadAlertProcessor implements Processor<String, DyadInput, String, Alert> {
    /** The rule types evaluated on dyad states. */
    public static final Set<AlertRule.Type> TYPES = EnumSet.of(AlertRule.Type.DYAD_SHIFT, AlertRule.Type.RANK_DROP,
            AlertRule.Type.RANK_RISE, AlertRule.Type.VOTE_SPLIT);
    private static final Logger LOG = LoggerFactory.getLogger(DyadAlertProcessor.class);

    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final DyadRules dyadRules;
    private final BooleanSupplier contextCaughtUp;
    private ProcessorContext<String, Alert> context;
    private AlertTask task;
    private ContextGate gate;
    private DyadHistoryStore histories;
    private DyadContextStore contexts;
    private KeyValueStore<String, Long> progress;
    /** Wall clock of the task's last triad reading (or of its start): held states time out only after a quiet timeout. */
    private long lastReadingAt;
    /** When the readings' inputs last had no backlog, as seen by {@link #timedOut}; {@code Long.MIN_VALUE} before. */
    private long lastCaughtUpAt = Long.MIN_VALUE;
    /** Dyads that were WARNed about a head past the hard bound, until nothing of theirs is held (one WARN per hold, not per state). */
    private final Set<String> heldPastBound = new HashSet<>();
    private long truncations;
    /**
     * Per held dyad, what its head waits for, kept in memory (rebuilt by {@link #release} after a restart):
     * word of a reading is then checked against it without reading the held state, the context and the
     * history again, which for thousands of held states behind a backlog was most of the alerter's work.
     */
    private final Map<String, Awaiting> awaiting = new HashMap<>();

    /** The head of a held dyad: its cut, the triads without their reading of it, and when it was held. */
    private record Awaiting(ContextCut cut, Set<String> missing, long heldAt) {
    }

    /**
     * @param config  the alerter configuration
     * @param metrics the alerter metrics
     */
    public DyadAlertProcessor(AlerterConfig config, AlerterMetrics metrics) {
        this(config, metrics, () -> true);
    }

    /**
     * @param config          the alerter configuration
     * @param metrics         the alerter metrics
     * @param contextCaughtUp whether the readings' inputs are read to their end on the broker ({@link AlerterTopology#build})
     */
    public DyadAlertProcessor(AlerterConfig config, AlerterMetrics metrics, BooleanSupplier contextCaughtUp) {
        this.config = config;
        this.metrics = metrics;
        this.contextCaughtUp = contextCaughtUp;
        this.dyadRules = new DyadRules(config.severity(), config.defaultWindow(), config.voteSplitMinVotes());
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        // A task started again (after a rebalance or an aborted transaction) reads its held states afresh.
        awaiting.clear();
        gate = new ContextGate(context.getStateStore(AlerterStores.DYAD_HELD), metrics, AlerterStores.DYAD_HELD + "/" + context.taskId());
        task = AlertTask.open(context, config, metrics, AlertTask.Stores.DYAD, "dyad", this::onDeadline, gate::capOf);
        // A new object on every init: what an earlier incarnation of the task held in memory may be ahead of the store.
        histories = new DyadHistoryStore(context.getStateStore(AlerterStores.DYAD_HISTORY));
        contexts = AlerterStores.dyadContext(context, config);
        progress = context.getStateStore(AlerterStores.DYAD_PROGRESS);
        lastReadingAt = context.currentSystemTimeMs();
        // Scheduled even with no timeout: states held under an earlier configuration still go on.
        context.schedule(checkInterval(config.contextTimeout()), PunctuationType.WALL_CLOCK_TIME, wallClock -> gate.dyads().forEach(this::recheck));
    }

    /** How often held states are looked at: a tenth of the timeout, within 100 ms .. 1 s. */
    private static Duration checkInterval(Duration timeout) {
        return Duration.ofMillis(Math.max(100, Math.min(1000, timeout.toMillis() / 10)));
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
        if (gate != null) {
            gate.close();
        }
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        DyadInput input = record.value();
        if (input.isContextChange()) {
            lastReadingAt = context.currentSystemTimeMs();
            if (gate.holds(record.key())) {
                onReading(record.key(), input);
            }
            return;
        }
        DyadState state = input.state();
        if (state.asOf() == null || state.lastEventId() == null) {
            LOG.warn("dyad state {} without asOf or lastEventId skipped", record.key());
            metrics.duplicateState("dyad-state-incomplete");
            return;
        }
        if (gate.holds(state.dyad())) {
            hold(state, record.timestamp());
            return;
        }
        if (!config.contextTimeout().isZero() && !missingReadings(state).isEmpty()) {
            hold(state, record.timestamp());
        } else {
            apply(state, record.timestamp());
        }
    }

    /** Applies a state: its move enters the history, event time advances, the rules run. */
    private void apply(DyadState state, long timestamp) {
        String dyad = state.dyad();
        DyadHistory history = historyOf(dyad);
        DyadMove move = DyadMove.of(state);
        boolean seen = history.contains(state.lastEventId());
        if (seen) {
            // The same state again, or the analyzer re-stating a visit's verdict: the move counts once.
            metrics.duplicateState("dyad-state");
        } else {
            history = histories.add(dyad, move, recentOf(state), config.historyRetention(), config.maxMovesKept());
            // What the dyad's context keeps is bounded by this (ContextAggregator): only ever forward.
            Long evaluated = progress.get(dyad);
            long at = move.asOf().toEpochMilli();
            if (evaluated == null || at > evaluated) {
                progress.put(dyad, at);
            }
        }
        task.advanceTo(state.asOf(), timestamp);
        evaluate(state, history, move, seen, new ContextOnce(state), timestamp);
        task.settle(timestamp);
    }

    /**
     * The readings a state waits for: evaluating it now could cite a context that depends on timing when its
     * dyad is in a watched triad whose reading of the state's move is not here yet, and some rule may observe
     * the state (a state that can trigger nothing, while no episode is open on the dyad, cites no context).
     *
     * @return the triads whose reading it waits for, none when it need not wait
     */
    private Set<String> missingReadings(DyadState state) {
        List<String> missing = contexts.missingReadings(state.dyad(), cutOf(state));
        if (missing.isEmpty()) {
            return Set.of();
        }
        DyadMove move = DyadMove.of(state);
        DyadHistory history = historyOf(state.dyad());
        boolean seen = history.contains(state.lastEventId());
        DyadHistory after = seen ? history : withMove(history, state, move);
        boolean observed = task.runner().mayObserve(state.dyad(), TYPES, rule -> dyadRules.cannotTrigger(rule, state, after, move.asOf(), seen));
        return observed ? new HashSet<>(missing) : Set.of();
    }

    /**
     * Holds a state. Event time advances as it would have; the dyad's own deadlines stop at the event
     * time before the state ({@link ContextGate}).
     */
    private void hold(DyadState state, long timestamp) {
        Instant before = task.now();
        long after = Math.max(before == null ? Long.MIN_VALUE : before.toEpochMilli(), state.asOf().toEpochMilli());
        gate.hold(new HeldState(state, timestamp, context.currentSystemTimeMs(), before, Instant.ofEpochMilli(after)));
        task.advanceTo(state.asOf(), timestamp);
    }

    /** Word of a context change for a held dyad: goes on when it may end the head's wait. */
    private void onReading(String dyad, DyadInput input) {
        Awaiting head = awaiting.get(dyad);
        if (head == null || input.triad() == null) {
            release(dyad);
        } else if (head.missing().contains(input.triad()) && input.answers(head.cut())) {
            head.missing().remove(input.triad());
            if (head.missing().isEmpty()) {
                release(dyad);
            }
        }
    }

    /** The wall-clock check of a held dyad: looks again only when its head's time may be up (or is not known). */
    private void recheck(String dyad) {
        Awaiting head = awaiting.get(dyad);
        long now = context.currentSystemTimeMs();
        if (head == null || timedOut(head.heldAt(), now)) {
            release(dyad);
        } else if (now - head.heldAt() >= config.contextTimeout().toMillis() * AlerterConfig.MAX_CONTEXT_HOLD_FACTOR && heldPastBound.add(dyad)) {
            LOG.warn("{} has held a state for {} ms, past the hard bound, because the triad readings' inputs have had a backlog on the "
                    + "broker all along; it goes on once they are read to their end", dyad, now - head.heldAt());
        }
    }

    /**
     * Applies the held states of {@code dyad}, in order, while each needs no more readings (they are
     * here, or the state, now at the head, can cite none) or its time is up.
     */
    private void release(String dyad) {
        long now = context.currentSystemTimeMs();
        KeyValue<String, HeldState> head;
        while ((head = gate.head(dyad)) != null) {
            HeldState held = head.value;
            DyadState state = held.state();
            Set<String> missing = missingReadings(state);
            boolean waiting = !missing.isEmpty();
            if (waiting && !timedOut(held.heldAt(), now)) {
                awaiting.put(dyad, new Awaiting(cutOf(state), missing, held.heldAt()));
                return;
            }
            awaiting.remove(dyad);
            if (waiting) {
                LOG.info("dyad state {} of {} waited {} ms for its triad readings (last reading {} ms ago); evaluated without them",
                        state.lastEventId(), dyad, now - held.heldAt(), now - lastReadingAt);
                metrics.contextTimeout();
            }
            gate.take(head);
            apply(state, held.timestamp());
            gate.taken(dyad);
            task.settle(held.timestamp());
        }
        heldPastBound.remove(dyad);
    }

    /**
     * Whether a state held at {@code heldAt} has waited long enough: a quiet timeout with no backlog, or the
     * hard bound once the backlog has been worked off at least once since the state was held. The hard bound
     * used to run on the wall clock alone; in the 50,000-event crash run of 2026-12-07 a state held behind a
     * restart's backlog of ~475,000 records reached it while its reading was still on the broker, and its
     * alert's context differed from the uninterrupted run's. A backlog that never drains holds the state (and
     * its dyad's later states) until it does: a WARN says so once per hold of a dyad, and the held gauge shows it.
     */
    private boolean timedOut(long heldAt, long now) {
        long timeout = config.contextTimeout().toMillis();
        boolean caughtUp = contextCaughtUp.getAsBoolean();
        if (caughtUp) {
            lastCaughtUpAt = now;
        }
        boolean pastHardBound = now - heldAt >= timeout * AlerterConfig.MAX_CONTEXT_HOLD_FACTOR;
        return pastHardBound && lastCaughtUpAt >= heldAt
                || now - Math.max(heldAt, lastReadingAt) >= timeout && caughtUp;
    }

    private static ContextCut cutOf(DyadState state) {
        return ContextCut.atMove(DyadMove.of(state).asOf(), state.dyad(), state.lastEventId());
    }

    /**
     * The dyad's context as of a state's move, read from the store when its first alert cites it, once per
     * state: most states fire nothing and read nothing. An unreadable one costs the alert its context
     * (logged), never the stream thread.
     */
    private final class ContextOnce {
        private final DyadState state;
        private boolean read;
        private DyadContext triads;

        ContextOnce(DyadState state) {
            this.state = state;
        }

        /** @return the watched triads holding the dyad, read up to the state's move, or null when none is known or it cannot be read */
        DyadContext get() {
            if (!read) {
                read = true;
                try {
                    triads = contexts.readAt(state.dyad(), cutOf(state));
                } catch (IllegalStateException e) {
                    LOG.error("context of dyad {} cannot be read; its alert goes without triad context", state.dyad(), e);
                }
            }
            return triads;
        }
    }

    private DyadHistory historyOf(String dyad) {
        return histories.get(dyad);
    }

    private DyadHistory withMove(DyadHistory history, DyadState state, DyadMove move) {
        return history.with(move, recentOf(state), config.historyRetention(), config.maxMovesKept());
    }

    private static List<Double> recentOf(DyadState state) {
        return state.baseline() == null ? null : state.baseline().recent();
    }

    private void evaluate(DyadState state, DyadHistory history, DyadMove move, boolean seen, ContextOnce triads, long timestamp) {
        String dyad = state.dyad();
        Instant at = move.asOf();
        task.runner().evaluateAll(dyad, TYPES, at, timestamp, task.maker(state.eventAppendedAt()), (rule, entry) -> {
            List<Observation> observations = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            if (Lifecycle.continuous(rule.type())) {
                if (seen) {
                    return List.of();
                }
                // A move is judged at its own event time; a late one also at the dyad's latest time when it
                // falls in that window. An open episode is only ever judged at the dyad's latest time.
                Instant now = history.latest().asOf();
                if (entry.phase() == LifecycleEntry.Phase.INACTIVE) {
                    times.add(at);
                }
                if (now.isAfter(at) && now.minus(dyadRules.windowOf(rule)).isBefore(at) || entry.phase() != LifecycleEntry.Phase.INACTIVE) {
                    times.add(now);
                }
                for (Instant t : times) {
                    observations.add(dyadRules.shiftAt(rule, dyad, history, t, state.eventAppendedAt()));
                }
            } else {
                Observation o = dyadRules.observePoint(rule, state, history, entry.openEpisode(), at);
                if (o != null) {
                    observations.add(o);
                    times.add(at);
                }
            }
            List<RuleRunner.Timed> out = new ArrayList<>();
            for (int i = 0; i < observations.size(); i++) {
                out.add(new RuleRunner.Timed(withContext(rule, observations.get(i), state, move, triads), times.get(i)));
            }
            return out;
        }, config.skipQuietStates() ? rule -> dyadRules.cannotTrigger(rule, state, history, at, seen) : rule -> false);
    }

    /**
     * Adds the triads' reading as of the state's move (docs/reliability.md, "Deterministic output"), also when
     * the alert is dated earlier (a shift whose last counted move is an earlier one): the readings of the
     * move being evaluated are here (it waited for them), and its dyad's context keeps every state after
     * the dyad's previous move, so this reading is the same in every run; one dated back past the states a
     * timeline keeps before that move would not be.
     */
    private Observation withContext(AlertRule rule, Observation o, DyadState state, DyadMove move, ContextOnce once) {
        if (!o.active()) {
            return o;
        }
        DyadContext triads = once.get();
        ContextCut cut = cutOf(state);
        List<String> truncated = triads == null ? List.of() : triads.truncatedAt(cut, config.maxMovesKept());
        if (!truncated.isEmpty()) {
            metrics.contextTruncated();
            // Said for the first and every hundredth in this task: an open episode is re-read on every state of its dyad.
            if (truncations++ % 100 == 0) {
                LOG.info("the {} alert of {} at {} reads triads {} whose timelines had already dropped states up to it (their later states came "
                        + "first); its context may differ between runs ({} such readings in this task)", rule.id(), state.dyad(), cut.at(),
                        truncated, truncations);
            }
        }
        return o.withFinding(o.finding().withContext(ContextReadings.forDyad(state.dyad(), direction(rule, o.finding()),
                triads, cut, dyadRules.windowOf(rule), config.maxMovesKept())));
    }

    private Step onDeadline(LifecycleEntry entry, AlertRule rule, Instant at, AlertMaker maker) {
        if (!Lifecycle.continuous(rule.type())) {
            return task.lifecycle().tick(entry, rule, null, at, maker);
        }
        Observation o = dyadRules.shiftAt(rule, entry.subject(), histories.get(entry.subject()), at, null);
        if (o.finding() != null) {
            List<Alert.TriadContext> context = entry.finding() == null ? List.of() : entry.finding().context();
            o = o.withFinding(o.finding().withContext(context));
        }
        return task.lifecycle().tick(entry, rule, o, at, maker);
    }

    /** The way the subject moved, for the zero-sum reading: a rank drop or a split is a cooling. */
    private static int direction(AlertRule rule, Finding finding) {
        return switch (rule.type()) {
            case RANK_RISE -> 1;
            case RANK_DROP, VOTE_SPLIT -> -1;
            default -> (int) Math.signum(finding.triggeringEvents().stream().mapToDouble(Alert.TriggeringEvent::contribution).sum());
        };
    }
}
