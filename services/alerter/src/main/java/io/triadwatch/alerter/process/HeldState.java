package io.triadwatch.alerter.process;

import io.triadwatch.model.state.DyadState;
import java.time.Instant;
import java.util.Objects;

/**
 * A dyad state held until the triad readings of its move have arrived, the value of the
 * {@code alerter-dyad-held-store} (JSON). It keeps what evaluating it later needs in order to give what
 * evaluating it on arrival would have given: the record's timestamp, and the task's event time just
 * before and just after the state arrived, which bound the deadlines of its dyad that may run while it
 * waits ({@link ContextGate#capOf}).
 *
 * @param state       the dyad state
 * @param timestamp   the record timestamp, given to the alerts it causes
 * @param heldAt      wall clock (epoch ms, the task's {@code currentSystemTimeMs}) when it was held
 * @param clockBefore the task's event time before the state arrived, or null when it had none
 * @param clockAfter  the task's event time once the state arrived (never before {@code clockBefore})
 */
public record HeldState(DyadState state, long timestamp, long heldAt, Instant clockBefore, Instant clockAfter) {
    public HeldState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(clockAfter, "clockAfter");
        if (clockBefore != null && clockAfter.isBefore(clockBefore)) {
            throw new IllegalArgumentException("event time went back while holding " + state.dyad() + ": " + clockBefore + " > " + clockAfter);
        }
    }
}
