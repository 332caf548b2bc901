package io.triadwatch.alerter.process;

import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.alerter.context.StoredContext;
import io.triadwatch.model.state.DyadState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dyad state joined with the dyad's watched-triad context; passed in memory, never serialized.
 *
 * @param state  the dyad state
 * @param stored the watched triads holding the dyad, still encoded, or null when none is known yet
 */
public record DyadInput(DyadState state, StoredContext stored) {
    private static final Logger LOG = LoggerFactory.getLogger(DyadInput.class);

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
            LOG.error("context of dyad {} cannot be read; its alert goes without triad context", state.dyad(), e);
            return null;
        }
    }
}
