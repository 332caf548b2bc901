package io.triadwatch.analyzer.triad;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.model.state.TriadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one triad per key of the {@code triad-inputs} topic and writes its state after every
 * update of one of its dyads and after every (re)definition; a removal writes a tombstone.
 * <p>
 * Updates of different dyads come from different partitions, so they can arrive out of event-time
 * order; the state is computed from the latest update of each dyad, carried to the latest
 * {@code asOf}, so it does not depend on that order.
 */
public final class TriadProcessor implements Processor<String, TriadInput, String, TriadState> {
    private static final Comparator<TriadAggregate.Move> ORDER =
            Comparator.comparing(TriadAggregate.Move::at).thenComparing(TriadAggregate.Move::dyad).thenComparing(TriadAggregate.Move::eventId);
    private final AnalyzerConfig config;
    private final TriadMath math;
    private ProcessorContext<String, TriadState> context;
    private KeyValueStore<String, TriadAggregate> store;

    /** @param config the analyzer's configuration */
    public TriadProcessor(AnalyzerConfig config) {
        this.config = config;
        this.math = new TriadMath(config.decay(), config.scoreModel(), config.neutralBand(), config.zeroSumWindow());
    }

    @Override
    public void init(ProcessorContext<String, TriadState> context) {
        this.context = context;
        this.store = context.getStateStore(AnalyzerStores.TRIAD_STATE);
    }

    @Override
    public void process(Record<String, TriadInput> record) {
        TriadInput input = record.value();
        if (input == null) {
            return;
        }
        String id = input.triad();
        if (input.removed()) {
            if (store.delete(id) != null) {
                context.forward(record.withKey(id).withValue(null));
            }
            return;
        }
        TriadAggregate current = store.get(id);
        if (current == null) {
            current = new TriadAggregate(null, Map.of(), List.of(), null);
        }
        TriadAggregate next;
        String lastDyad;
        String lastEventId;
        if (input.definition() != null) {
            next = new TriadAggregate(input.definition(), current.dyads(), current.moves(), current.state());
            lastDyad = current.state() == null ? null : current.state().lastDyad();
            lastEventId = current.state() == null ? null : current.state().lastEventId();
        } else {
            next = current;
            for (DyadMove earlier : input.recent()) {
                next = withMove(next, earlier);
            }
            next = withMove(next, input.move());
            lastDyad = input.move().dyad();
            lastEventId = input.move().eventId();
        }
        if (next.definition() != null) {
            TriadState state = math.state(next.definition(), next.dyads(), next.moves(), lastDyad, lastEventId,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            next = new TriadAggregate(next.definition(), next.dyads(), next.moves(), state);
            context.forward(record.withKey(id).withValue(state));
        }
        store.put(id, next);
    }

    private TriadAggregate withMove(TriadAggregate current, DyadMove move) {
        Map<String, DyadMove> dyads = new HashMap<>(current.dyads());
        DyadMove known = dyads.get(move.dyad());
        if (known == null || known.asOf() == null || (move.asOf() != null && !move.asOf().isBefore(known.asOf()))) {
            dyads.put(move.dyad(), move);
        }
        Instant asOf = TriadMath.asOf(dyads.values());
        List<TriadAggregate.Move> moves = asOf == null ? List.of() : windowWith(current.moves(), move, math.windowStart(asOf));
        return new TriadAggregate(current.definition(), dyads, moves, current.state());
    }

    /** @return the moves from {@code start} on, with {@code move} when it is a new one, oldest first, at most zeroSumMovesKept */
    private List<TriadAggregate.Move> windowWith(List<TriadAggregate.Move> kept, DyadMove move, Instant start) {
        List<TriadAggregate.Move> moves = new ArrayList<>(kept.size() + 1);
        boolean seen = false;
        for (TriadAggregate.Move m : kept) {
            if (!m.at().isBefore(start)) {
                moves.add(m);
                seen = seen || (m.dyad().equals(move.dyad()) && m.eventId().equals(move.eventId()));
            }
        }
        if (move.moved() && !seen && move.eventAt() != null && !move.eventAt().isBefore(start)
                && Math.abs(move.delta()) > TriadMath.MOVE_EPSILON) {
            moves.add(new TriadAggregate.Move(move.dyad(), move.eventId(), move.eventAt(), move.delta()));
            // The kept moves are in order already, so this sort only places the new one.
            moves.sort(ORDER);
        }
        if (moves.size() > config.zeroSumMovesKept()) {
            moves.subList(0, moves.size() - config.zeroSumMovesKept()).clear();
        }
        return moves;
    }
}
