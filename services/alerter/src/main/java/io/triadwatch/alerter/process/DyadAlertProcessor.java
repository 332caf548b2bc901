package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.context.ContextReadings;
import io.triadwatch.alerter.evaluate.DyadHistory;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the dyad rules on each dyad state and runs their lifecycles. A state whose event the
 * dyad's history already holds is a duplicate and changes nothing. Unless
 * {@link AlerterConfig#skipQuietStates()} is off, a rule with no open episode on the dyad is evaluated
 * only when the state can trigger it ({@link DyadRules#cannotTrigger}): most states are news-tone moves
 * that no default rule counts, and they still enter the dyad's history.
 */
public final class DyadAlertProcessor implements Processor<String, DyadInput, String, Alert> {
    /** The rule types evaluated on dyad states. */
    public static final Set<AlertRule.Type> TYPES = EnumSet.of(AlertRule.Type.DYAD_SHIFT, AlertRule.Type.RANK_DROP,
            AlertRule.Type.RANK_RISE, AlertRule.Type.VOTE_SPLIT);
    private static final Logger LOG = LoggerFactory.getLogger(DyadAlertProcessor.class);

    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final DyadRules dyadRules;
    private AlertTask task;
    private KeyValueStore<String, DyadHistory> histories;

    /**
     * @param config  the alerter configuration
     * @param metrics the alerter metrics
     */
    public DyadAlertProcessor(AlerterConfig config, AlerterMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.dyadRules = new DyadRules(config.severity(), config.defaultWindow(), config.voteSplitMinVotes());
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        task = AlertTask.open(context, config, metrics, AlertTask.Stores.DYAD, "dyad", this::onDeadline);
        histories = context.getStateStore(AlerterStores.DYAD_HISTORY);
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        DyadState state = record.value().state();
        if (state.asOf() == null || state.lastEventId() == null) {
            LOG.warn("dyad state {} without asOf or lastEventId skipped", record.key());
            metrics.duplicateState("dyad-state-incomplete");
            return;
        }
        String dyad = state.dyad();
        DyadHistory stored = histories.get(dyad);
        DyadHistory history = stored == null ? DyadHistory.empty() : stored;
        DyadMove move = DyadMove.of(state);
        boolean seen = history.contains(state.lastEventId());
        if (seen) {
            // The same state again, or the analyzer re-stating a visit's verdict: the move counts once.
            metrics.duplicateState("dyad-state");
        } else {
            history = history.with(move, state.baseline() == null ? null : state.baseline().recent(),
                    config.historyRetention(), config.maxMovesKept());
            histories.put(dyad, history);
        }
        task.advanceTo(state.asOf(), record.timestamp());
        evaluate(state, history, move.asOf(), seen, record.value(), record.timestamp());
        task.settle(record.timestamp());
    }

    private void evaluate(DyadState state, DyadHistory history, Instant at, boolean seen, DyadInput input, long timestamp) {
        String dyad = state.dyad();
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
                out.add(new RuleRunner.Timed(withContext(rule, observations.get(i), dyad, input), times.get(i)));
            }
            return out;
        }, config.skipQuietStates() ? rule -> dyadRules.cannotTrigger(rule, state, history, at, seen) : rule -> false);
    }

    private Observation withContext(AlertRule rule, Observation o, String dyad, DyadInput input) {
        if (!o.active()) {
            return o;
        }
        return o.withFinding(o.finding().withContext(ContextReadings.forDyad(dyad, direction(rule, o.finding()),
                input.context(), o.finding().occurredAt(), dyadRules.windowOf(rule))));
    }

    private Step onDeadline(LifecycleEntry entry, AlertRule rule, Instant at, AlertMaker maker) {
        if (!Lifecycle.continuous(rule.type())) {
            return task.lifecycle().tick(entry, rule, null, at, maker);
        }
        DyadHistory history = histories.get(entry.subject());
        Observation o = dyadRules.shiftAt(rule, entry.subject(), history == null ? DyadHistory.empty() : history, at, null);
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
