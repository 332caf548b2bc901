package io.triadwatch.alerter.process;

import io.triadwatch.alerter.context.TriadUpdate;
import io.triadwatch.model.state.TriadState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Routes each triad state to its three dyads, so that a dyad's alert can cite the triads it belongs
 * to: the state goes to the dyad's partition through the {@code alerter-triad-context-by-dyad}
 * repartition topic. A tombstone is routed too, by the dyads of the triad id.
 */
public final class ContextFanOut {
    private ContextFanOut() {
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
