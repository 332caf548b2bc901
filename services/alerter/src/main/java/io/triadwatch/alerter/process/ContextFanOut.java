package io.triadwatch.alerter.process;

import io.triadwatch.alerter.AlerterConfig;
import io.triadwatch.alerter.context.StoredContext;
import io.triadwatch.alerter.context.TriadUpdate;
import io.triadwatch.model.state.TriadState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each triad state to its three dyads, so that a dyad's alert can cite the triads it belongs
 * to: the state goes to the dyad's partition through the {@code alerter-triad-context-by-dyad}
 * repartition topic. A tombstone is routed too, by the dyads of the triad id.
 */
public final class ContextFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(ContextFanOut.class);

    private ContextFanOut() {
    }

    /**
     * Applies one routed update to a dyad's context; a failure keeps the context as it was (logged), so
     * a malformed triad state can cost context, never the stream thread.
     *
     * @param dyad    the dyad
     * @param update  the routed triad update
     * @param current the dyad's context
     * @param config  retention and size bounds
     * @return the new context
     */
    public static StoredContext aggregate(String dyad, TriadUpdate update, StoredContext current, AlerterConfig config) {
        try {
            return StoredContext.of(current.context().apply(update, config.historyRetention(), config.maxMovesKept()));
        } catch (RuntimeException e) {
            LOG.error("triad state of {} could not be added to the context of {}; context unchanged", update.triad(), dyad, e);
            return current;
        }
    }

    /**
     * @param triad the triad id (record key)
     * @param state the triad state, or null for a tombstone
     * @return one routed update per dyad, none when the key is not a triad id
     */
    public static List<KeyValue<String, TriadUpdate>> routes(String triad, TriadState state) {
        if (triad == null) {
            return List.of();
        }
        String[] actors = triad.split("-");
        if (actors.length != 3) {
            return List.of();
        }
        List<KeyValue<String, TriadUpdate>> out = new ArrayList<>(3);
        TriadUpdate update = new TriadUpdate(triad, state);
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                String a = actors[i];
                String b = actors[j];
                out.add(KeyValue.pair(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a, update));
            }
        }
        return out;
    }
}
