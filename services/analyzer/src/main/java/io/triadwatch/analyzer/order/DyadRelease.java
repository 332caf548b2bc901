package io.triadwatch.analyzer.order;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.DyadInputSerde;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The dyad stage's gate, before {@code dyad-aggregate} in the same task: impulses go on in
 * ({@code occurredAt}, event id, dyad) order once every intake task's watermark has passed them
 * ({@link EventTimeRelease}); membership changes go on at once (they have no event time; a triad that
 * starts watching gets the dyad's recent moves from its history, whatever came first). Whenever its
 * frontier changes it sends the frontier on as its own
 * {@link Watermark} (source = its dyad partition) for the triad stage: what it releases from now on is
 * at or after it.
 */
public final class DyadRelease implements Processor<String, DyadInput, String, DyadInput> {
    private final AnalyzerConfig config;
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, DyadInput> context;
    private EventTimeRelease<DyadInput> release;
    private Long sent;

    /**
     * @param config  the analyzer's configuration ({@link AnalyzerConfig#order()})
     * @param metrics counts late impulses
     */
    public DyadRelease(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, DyadInput> context) {
        this.context = context;
        this.release = new EventTimeRelease<>(context.getStateStore(AnalyzerStores.DYAD_HELD), context.getStateStore(AnalyzerStores.DYAD_MARKS),
                new DyadInputSerde(), "dyad-held", config.order().sources(), metrics, "dyad");
        this.sent = null;
    }

    @Override
    public void close() {
        if (release != null) {
            release.close();
        }
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        DyadInput input = record.value();
        if (input == null) {
            return;
        }
        if (input.mark() != null) {
            release.mark(input.mark(), context::forward);
            sendOn(record.timestamp());
        } else if (input.impulse() != null) {
            ImpulseInput i = input.impulse();
            release.offer(EventTimeRelease.key(i.occurredAt().toEpochMilli(), i.eventId(), input.dyad()), SourceStamp.sourceOf(record.headers()),
                    record, context::forward);
        } else {
            context.forward(record);
        }
    }

    private void sendOn(long timestamp) {
        long frontier = release.frontier();
        if (frontier == Long.MIN_VALUE || (sent != null && sent == frontier)) {
            return;
        }
        sent = frontier;
        context.forward(new Record<>(IntakeMarks.MARK_KEY, DyadInput.mark(new Watermark(context.taskId().partition(), frontier)), timestamp));
    }
}
