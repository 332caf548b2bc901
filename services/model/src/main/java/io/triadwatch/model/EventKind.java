package io.triadwatch.model;

/** The kinds of canonical event; the {@code kind} discriminator of {@code triadwatch.events.v1}. */
public enum EventKind {
    SUMMIT,
    DELEGATION_VISIT,
    UN_VOTE,
    JOINT_STATEMENT,
    TREATY,
    SANCTIONS_VIOLATION,
    MILITARY_EXERCISE,
    CODED
}
