package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.model.state.DyadState;

/**
 * What the dyad processor emits: a state for the dyad-state topic (key = dyad id) or an input for
 * a watching triad (key = triad id). Exactly one is set. In memory only; never serialized.
 *
 * @param state      a dyad state, or null
 * @param triadInput an update for one triad, or null
 */
public record DyadOutput(DyadState state, TriadInput triadInput) {
    /** @return a dyad state output */
    public static DyadOutput state(DyadState state) {
        return new DyadOutput(state, null);
    }

    /** @return an output for one triad */
    public static DyadOutput triad(TriadInput input) {
        return new DyadOutput(null, input);
    }

    /** @return true when this is a dyad state */
    public boolean isState() {
        return state != null;
    }
}
