package io.triadwatch.analyzer.triad;

import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.model.Dyad;
import io.triadwatch.model.InvalidFieldException;
import io.triadwatch.model.Triad;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the watched-triads topic: a definition goes to the triad's partition and tells each of
 * its three dyads that the triad now watches it (each dyad answers with its current state, so a
 * triad added at run time starts from the current scores); a tombstone undoes both. An unreadable
 * definition is logged and counted, and changes nothing.
 */
public final class TriadDefinitions implements Processor<String, byte[], String, TriadDefinitions.Output> {
    private static final Logger LOG = LoggerFactory.getLogger(TriadDefinitions.class);
    private final AnalyzerMetrics metrics;
    private ProcessorContext<String, Output> context;

    /**
     * What this step emits: a membership change for a dyad (key = dyad id) or an input for a triad
     * (key = triad id). In memory only.
     *
     * @param membership a membership change, or null
     * @param triadInput a definition or removal, or null
     */
    public record Output(DyadInput membership, TriadInput triadInput) {
        /** @return true when this goes to a dyad */
        public boolean isMembership() {
            return membership != null;
        }
    }

    /** @param metrics where rejected definitions are counted */
    public TriadDefinitions(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            remove(record);
            return;
        }
        Decoded<Triad> decoded = Codecs.triads().decode(record.value());
        if (!decoded.accepted()) {
            metrics.triadRejected();
            LOG.warn("triad definition {} skipped: {} at {}: {}", record.key(), decoded.rejection().reason(), decoded.rejection().field(), decoded.rejection().detail());
            return;
        }
        Triad triad = decoded.value();
        if (record.key() != null && !record.key().equals(triad.id())) {
            LOG.warn("triad record key {} differs from its id {}; the id is used", record.key(), triad.id());
        }
        context.forward(record.withKey(triad.id()).withValue(new Output(null, TriadInput.define(triad))));
        for (Dyad dyad : triad.dyads()) {
            context.forward(record.withKey(dyad.id()).withValue(new Output(DyadInput.membership(dyad.id(), triad.id(), true), null)));
        }
    }

    private void remove(Record<String, byte[]> record) {
        List<String> actors;
        try {
            actors = parse(record.key());
        } catch (InvalidFieldException e) {
            metrics.triadRejected();
            LOG.warn("triad tombstone with key {} skipped: {}", record.key(), e.getMessage());
            return;
        }
        Triad triad = Triad.of(actors.get(0), actors.get(1), actors.get(2));
        context.forward(record.withKey(triad.id()).withValue(new Output(null, TriadInput.remove(triad.id()))));
        for (Dyad dyad : triad.dyads()) {
            context.forward(record.withKey(dyad.id()).withValue(new Output(DyadInput.membership(dyad.id(), triad.id(), false), null)));
        }
    }

    /**
     * Parses a triad id such as {@code CHN-PRK-RUS} (any order).
     *
     * @throws InvalidFieldException when it is not three distinct actor codes
     */
    public static List<String> parse(String id) {
        if (id == null || !id.matches("[A-Z]{3}-[A-Z]{3}-[A-Z]{3}")) {
            throw new InvalidFieldException("$.triad", "'" + id + "' is not a triad id like CHN-PRK-RUS");
        }
        Triad triad = Triad.of(id.substring(0, 3), id.substring(4, 7), id.substring(8));
        return triad.actors();
    }
}
