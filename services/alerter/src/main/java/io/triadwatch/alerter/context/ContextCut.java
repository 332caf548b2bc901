package io.triadwatch.alerter.context;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a dyad alert reads its triads: as of one move of its dyad. The analyzer writes, for every move
 * of a watched dyad, one state of each watched triad holding it (its <em>reading</em> of that move), and
 * writes one triad's readings in the order it applies the moves: event time, then dyad, then event id.
 * So "as of the move" is exact: the readings up to and including the move's own one. A state of the
 * same instant that the analyzer applied later is left out whether or not it has arrived yet; that is
 * what makes the context a function of the input rather than of arrival timing.
 *
 * @param at      the event time read at
 * @param moveKey the move ({@link TriadSnapshot#moveKey()} form, {@code eventId@dyad}) whose own reading
 *                ends the cut, or null to read every state at or before {@code at}
 */
public record ContextCut(Instant at, String moveKey) {
    public ContextCut {
        Objects.requireNonNull(at, "at");
    }

    /**
     * The cut of an alert about the move {@code eventId} of {@code dyad} at {@code moveAt}, read at
     * {@code at}: exact when the alert is dated at the move itself (the usual case). An alert dated at
     * another time (a late move judged at the dyad's latest time, or a shift whose last counted move is
     * an earlier one) reads every state at or before that time, as before.
     *
     * @return the cut
     */
    public static ContextCut of(Instant at, String dyad, String eventId, Instant moveAt) {
        return new ContextCut(at, at.equals(moveAt) ? key(dyad, eventId) : null);
    }

    /** @return the cut at the move {@code eventId} of {@code dyad}, dated {@code at} */
    public static ContextCut atMove(Instant at, String dyad, String eventId) {
        return new ContextCut(at, key(dyad, eventId));
    }

    /** @return the {@link TriadSnapshot#moveKey()} of a move */
    static String key(String dyad, String eventId) {
        return eventId + "@" + dyad;
    }

    /** @return true when {@code snapshot} is the move's own reading */
    boolean endsWith(TriadSnapshot snapshot) {
        return moveKey != null && moveKey.equals(snapshot.moveKey());
    }
}
