package io.triadwatch.analyzer.order;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.analyzer.triad.TriadInputSerde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The triad stage's gate, before {@code triad-aggregate} in the same task: dyad moves caused by an
 * event go on in ({@code eventAt}, dyad, event id, triad) order once every dyad task's watermark has
 * passed them ({@link EventTimeRelease}); snapshots, definitions and removals go on at once.
 */
public final class TriadRelease implements Processor<String, TriadInput, String, TriadInput> {
    private final AnalyzerConfig config;
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, TriadInput> context;
    private EventTimeRelease<TriadInput> release;

    /**
     * @param config  the analyzer's configuration ({@link AnalyzerConfig#dyadPartitions()} sources)
     * @param metrics counts late moves
     */
    public TriadRelease(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TriadInput> context) {
        this.context = context;
        this.release = new EventTimeRelease<>(context.getStateStore(AnalyzerStores.TRIAD_HELD), context.getStateStore(AnalyzerStores.TRIAD_MARKS),
                new TriadInputSerde(), "triad-held", config.dyadPartitions(), metrics, "triad");
    }

    @Override
    public void close() {
        if (release != null) {
            release.close();
        }
    }

    @Override
    public void process(Record<String, TriadInput> record) {
        TriadInput input = record.value();
        if (input == null) {
            return;
        }
        DyadMove move = input.move();
        if (input.mark() != null) {
            release.mark(input.mark(), context::forward);
        } else if (move != null && move.moved() && move.eventAt() != null && input.recent().isEmpty()) {
            release.offer(EventTimeRelease.key(move.eventAt().toEpochMilli(), move.dyad(), move.eventId(), input.triad()),
                    SourceStamp.sourceOf(record.headers()), record, context::forward);
        } else {
            context.forward(record);
        }
    }
}
