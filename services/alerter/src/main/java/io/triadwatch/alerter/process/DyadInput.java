package io.triadwatch.alerter.process;

import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.alerter.context.StoredContext;
import io.triadwatch.model.state.DyadState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reaches the dyad evaluator; passed in memory, never serialized: a dyad state joined with the
 * dyad's watched-triad context, or word that the context of the record's dyad has changed (a triad
 * reading arrived), so that states held for it can go on.
 *
 * @param state  the dyad state, or null for a context change
 * @param stored the watched triads holding the dyad, still encoded, or null when none is known yet (or
 *               for a context change, which the evaluator reads from the store)
 */
public record DyadInput(DyadState state, StoredContext stored) {
    private static final Logger LOG = LoggerFactory.getLogger(DyadInput.class);
    private static final DyadInput CONTEXT_CHANGE = new DyadInput(null, null);

    /** @return word that a dyad's context changed */
    public static DyadInput contextChange() {
        return CONTEXT_CHANGE;
    }

    /** @return true for word that the dyad's context changed, false for a dyad state */
    public boolean isContextChange() {
        return state == null;
    }

    /**
     * Decodes the context; an unreadable one costs the alert its context (logged), never the stream thread.
     *
     * @return the watched triads holding the dyad, or null when none is known or it cannot be read
     */
    public DyadContext context() {
        if (stored == null) {
            return null;
        }
        try {
            return stored.context();
        } catch (IllegalStateException e) {
            LOG.error("context of dyad {} cannot be read; its alert goes without triad context", state == null ? "?" : state.dyad(), e);
            return null;
        }
    }
}
