package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.model.state.DyadState;

/**
 * What the dyad processor emits: a state for the dyad-state topic (key = dyad id), an input for
 * a watching triad (key = triad id), or a rejected dyad input for the DLQ (key = event id, reason
 * headers on the record). Exactly one is set. In memory only; never serialized.
 *
 * @param state      a dyad state, or null
 * @param triadInput an update for one triad, or null
 * @param deadLetter the rejected dyad input as it was on the {@code dyad-inputs} topic, or null
 */
public record DyadOutput(DyadState state, TriadInput triadInput, byte[] deadLetter) {
    /** @return a dyad state output */
    public static DyadOutput state(DyadState state) {
        return new DyadOutput(state, null, null);
    }

    /** @return an output for one triad */
    public static DyadOutput triad(TriadInput input) {
        return new DyadOutput(null, input, null);
    }

    /** @return a dead letter */
    public static DyadOutput deadLetter(byte[] raw) {
        return new DyadOutput(null, null, raw);
    }

    /** @return true when this is a dyad state */
    public boolean isState() {
        return state != null;
    }

    /** @return true when this goes to the DLQ */
    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
