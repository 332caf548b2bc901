package io.triadwatch.alerter.process;

import io.triadwatch.alerter.context.ContextCut;
import io.triadwatch.model.state.DyadState;
import java.time.Instant;

/**
 * What reaches the dyad evaluator; passed in memory, never serialized: a dyad state, or word that the
 * context of the record's dyad has changed, so that states held for it can go on. The evaluator reads a
 * dyad's context from the context store; word of a stored reading also says which it was, so that a
 * held state can tell at once whether it was one it waits for.
 *
 * @param state     the dyad state, or null for word of a context change
 * @param triad     the triad whose reading was stored, or null when the change was another (a triad
 *                  forgotten, a triad newly watched): then anything may have changed
 * @param readingAt the reading's event time, with {@code triad}
 * @param moveKey   the reading's move ({@link io.triadwatch.alerter.context.TriadSnapshot#moveKey()}), with {@code triad}
 */
public record DyadInput(DyadState state, String triad, Instant readingAt, String moveKey) {
    private static final DyadInput CONTEXT_CHANGE = new DyadInput(null, null, null, null);

    /** @return a dyad state */
    public static DyadInput of(DyadState state) {
        return new DyadInput(state, null, null, null);
    }

    /** @return word that a dyad's context changed in a way not said */
    public static DyadInput contextChange() {
        return CONTEXT_CHANGE;
    }

    /** @return word that a reading of {@code triad} at {@code at}, of the move {@code moveKey}, was stored */
    public static DyadInput reading(String triad, Instant at, String moveKey) {
        return new DyadInput(null, triad, at, moveKey);
    }

    /** @return true for word that the dyad's context changed, false for a dyad state */
    public boolean isContextChange() {
        return state == null;
    }

    /**
     * @return true when this is word of a reading that ends a wait at {@code cut} for its triad (the move's own
     *         reading, or one dated after it: {@link io.triadwatch.alerter.context.DyadContextStore#missingReadings})
     */
    boolean answers(ContextCut cut) {
        return readingAt != null && (readingAt.isAfter(cut.at()) || moveKey != null && moveKey.equals(cut.moveKey()));
    }
}
