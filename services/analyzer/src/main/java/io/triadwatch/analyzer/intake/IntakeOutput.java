package io.triadwatch.analyzer.intake;

import io.triadwatch.analyzer.dyad.DyadInput;

/**
 * What the intake emits: the raw bytes of a rejected record for the DLQ (with reason headers on
 * the record) or one dyad impulse. Exactly one is set. In memory only; never serialized.
 *
 * @param deadLetter the rejected input, unchanged, or null
 * @param dyadInput  an impulse for one dyad (key = dyad id), or null
 */
public record IntakeOutput(byte[] deadLetter, DyadInput dyadInput) {
    /** @return true when this goes to the DLQ */
    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
