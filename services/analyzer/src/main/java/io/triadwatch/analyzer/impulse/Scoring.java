package io.triadwatch.analyzer.impulse;

import java.util.List;

/**
 * What an event gives: its dyad impulses, or why it cannot be scored (then it goes to the DLQ
 * with reason {@code UNSCORABLE}).
 *
 * @param impulses one per dyad, sorted by dyad; empty when unscorable
 * @param field    JSON path of the field that makes it unscorable, or null
 * @param detail   why, for a human, or null
 */
public record Scoring(List<DyadImpulse> impulses, String field, String detail) {
    public Scoring {
        impulses = List.copyOf(impulses);
    }

    /** @return a scored event */
    public static Scoring of(List<DyadImpulse> impulses) {
        return new Scoring(impulses, null, null);
    }

    /** @return an unscorable event */
    public static Scoring unscorable(String field, String detail) {
        return new Scoring(List.of(), field, detail);
    }

    /** @return true when the event gave at least one impulse */
    public boolean scored() {
        return detail == null;
    }
}
