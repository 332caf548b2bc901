package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.context.ContextReadings;
import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadTimeline;
import io.triadwatch.alerter.evaluate.Observation;
import io.triadwatch.alerter.evaluate.TriadRules;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
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
 * Evaluates the structural triad rules on each triad state against the previous one and runs their
 * lifecycles. A tombstone (the triad is no longer watched) resolves the triad's firing alerts.
 */
public final class TriadAlertProcessor implements Processor<String, TriadState, String, Alert> {
    /** The rule types evaluated on triad states. */
    public static final Set<AlertRule.Type> TYPES = EnumSet.of(AlertRule.Type.TRIAD_BALANCE_FLIP, AlertRule.Type.PIVOT_CHANGE);
    private static final Logger LOG = LoggerFactory.getLogger(TriadAlertProcessor.class);

    private final AlerterConfig config;
    private final AlerterMetrics metrics;
    private final TriadRules triadRules;
    private AlertTask task;
    private KeyValueStore<String, TriadTimeline> timelines;

    /**
     * @param config  the alerter configuration
     * @param metrics the alerter metrics
     */
    public TriadAlertProcessor(AlerterConfig config, AlerterMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.triadRules = new TriadRules(config.severity());
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        task = AlertTask.open(context, config, metrics, AlertTask.Stores.TRIAD, "triad",
                (entry, rule, at, maker) -> task.lifecycle().tick(entry, rule, null, at, maker), DeadlineRunner.Caps.NONE);
        timelines = context.getStateStore(AlerterStores.TRIAD_TIMELINE);
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }

    @Override
    public void process(Record<String, TriadState> record) {
        String triad = record.key();
        if (triad == null) {
            return;
        }
        TriadState state = record.value();
        if (state == null) {
            unwatched(triad, record.timestamp());
            return;
        }
        if (state.asOf() == null) {
            LOG.debug("triad state {} without event time (no move yet) skipped", triad);
            return;
        }
        TriadTimeline timeline = timelines.get(triad);
        timeline = timeline == null ? TriadTimeline.empty() : timeline;
        TriadSnapshot snapshot = TriadSnapshot.of(state);
        if (timeline.contains(snapshot)) {
            metrics.duplicateState("triad-state");
            return;
        }
        TriadSnapshot previous = timeline.latest();
        TriadTimeline next = timeline.with(snapshot, config.historyRetention(), config.maxMovesKept());
        timelines.put(triad, next);
        task.advanceTo(state.asOf(), record.timestamp());
        evaluate(triad, state, previous, timeline, next, record.timestamp());
        task.settle(record.timestamp());
    }

    private void evaluate(String triad, TriadState state, TriadSnapshot previous, TriadTimeline earlier, TriadTimeline now, long timestamp) {
        task.runner().evaluateAll(triad, TYPES, state.asOf(), timestamp, task.maker(null), (rule, entry) -> {
            Observation o = triadRules.observe(rule, state, previous, earlier, now, entry.openEpisode());
            if (o == null) {
                return List.of();
            }
            if (o.active()) {
                Duration window = rule.window() == null || rule.window().isZero() ? config.defaultWindow() : rule.window();
                o = o.withFinding(o.finding().withContext(ContextReadings.forTriad(triad, state.lastDyad(),
                        (int) Math.signum(TriadSnapshot.of(state).lastMove()), now, state.asOf(), window)));
            }
            return List.of(new RuleRunner.Timed(o, state.asOf()));
        });
    }

    private void unwatched(String triad, long timestamp) {
        TriadTimeline timeline = timelines.get(triad);
        Instant at = timeline == null || timeline.latest() == null ? null : timeline.latest().asOf();
        timelines.delete(triad);
        if (at == null) {
            return;
        }
        task.runner().retireAll(triad, at, "triad " + triad + " is no longer watched", timestamp);
    }
}
