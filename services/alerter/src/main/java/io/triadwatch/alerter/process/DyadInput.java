package io.triadwatch.alerter.process;

import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.model.state.DyadState;

/**
 * A dyad state joined with the dyad's watched-triad context; passed in memory, never serialized.
 *
 * @param state   the dyad state
 * @param context the watched triads holding the dyad, or null when none is known yet
 */
public record DyadInput(DyadState state, DyadContext context) {
}
