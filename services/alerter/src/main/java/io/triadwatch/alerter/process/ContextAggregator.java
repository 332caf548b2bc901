package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.alerter.context.DyadContextStore;
import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadUpdate;
import io.triadwatch.model.state.TriadState;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each triad state routed to a dyad to the dyad's context ({@link DyadContextStore}: one entry per
 * reading in {@value AlerterStores#DYAD_READINGS}, the dyad's triads in {@value AlerterStores#DYAD_TRIADS}),
 * then tells the dyad evaluator that the dyad's context changed, so that states held for it go on. What is
 * kept is bounded by the dyad's own progress, the event time of its latest evaluated move
 * ({@value AlerterStores#DYAD_PROGRESS}, written by {@link DyadAlertProcessor}): every state after it is
 * kept, so that however far a triad's states run ahead of the dyad's, the dyad's next reading finds the
 * states it uses. A malformed update costs context, never the stream thread.
 */
public final class ContextAggregator implements Processor<String, TriadUpdate, String, DyadInput> {
    private static final Logger LOG = LoggerFactory.getLogger(ContextAggregator.class);

    private final AlerterConfig config;
    private ProcessorContext<String, DyadInput> context;
    private DyadContextStore contexts;
    private KeyValueStore<String, Long> progress;

    /** @param config retention and size bounds */
    public ContextAggregator(AlerterConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, DyadInput> context) {
        this.context = context;
        contexts = AlerterStores.dyadContext(context, config);
        progress = context.getStateStore(AlerterStores.DYAD_PROGRESS);
    }

    @Override
    public void process(Record<String, TriadUpdate> record) {
        String dyad = record.key();
        TriadUpdate update = record.value();
        if (dyad == null || update == null) {
            return;
        }
        try {
            Long evaluated = progress.get(dyad);
            contexts.apply(dyad, update, evaluated == null ? null : Instant.ofEpochMilli(evaluated));
        } catch (RuntimeException e) {
            LOG.error("triad state of {} could not be added to the context of {}; context unchanged", update.triad(), dyad, e);
        }
        TriadState state = update.state();
        context.forward(record.withValue(state == null || state.asOf() == null ? DyadInput.contextChange()
                : DyadInput.reading(update.triad(), state.asOf(), TriadSnapshot.of(state).moveKey())));
    }
}
