package io.triadwatch.alerter.process;

import io.triadwatch.model.state.DyadState;

/**
 * What reaches the dyad evaluator; passed in memory, never serialized: a dyad state, or word that the
 * context of the record's dyad has changed (a triad reading was stored), so that states held for it can
 * go on. The evaluator reads a dyad's context from the context store either way.
 *
 * @param state the dyad state, or null for a context change
 */
public record DyadInput(DyadState state) {
    private static final DyadInput CONTEXT_CHANGE = new DyadInput(null);

    /** @return a dyad state */
    public static DyadInput of(DyadState state) {
        return new DyadInput(state);
    }

    /** @return word that a dyad's context changed */
    public static DyadInput contextChange() {
        return CONTEXT_CHANGE;
    }

    /** @return true for word that the dyad's context changed, false for a dyad state */
    public boolean isContextChange() {
        return state == null;
    }
}
