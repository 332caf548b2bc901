package io.triadwatch.adapters;

import io.triadwatch.model.Event;
import java.util.Objects;

/**
 * One result of an {@link AdapterRun}: a produced event or a skipped record. Lines are 1-based
 * physical lines of the input (a quoted CSV field may span lines: the record's first line counts).
 */
public sealed interface AdapterItem permits AdapterItem.Produced, AdapterItem.Skipped {

    /** @return the input line where the record (or, for a grouped event, its first record) starts */
    long line();

    /**
     * An accepted event, valid against the v1 contract.
     *
     * @param event the event
     * @param line  its first input line
     */
    record Produced(Event event, long line) implements AdapterItem {
        public Produced {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A record that produced no event.
     *
     * @param reason the reason class
     * @param line   the record's input line
     * @param detail what was wrong, for a human (names the column and the value)
     */
    record Skipped(SkipReason reason, long line, String detail) implements AdapterItem {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
