package io.triadwatch.serde;

import io.triadwatch.model.RejectReason;
import java.util.Objects;

/**
 * Why one input was refused: what a 400 body, a CLI error line and a DLQ header carry.
 *
 * @param reason  the reason class
 * @param field   JSON path of the offending field ({@code $} for the whole document)
 * @param detail  what is wrong, naming the field, for a human
 * @param eventId the input's id when it could be read, else null
 */
public record Rejection(RejectReason reason, String field, String detail, String eventId) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
    }
}
