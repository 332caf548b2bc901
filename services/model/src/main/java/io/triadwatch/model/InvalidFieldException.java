package io.triadwatch.model;

/**
 * Thrown when a value object is built from a field that breaks the v1 contract.
 * <p>
 * The exception names the offending field (a JSON path such as {@code $.delegation.rank}) so that
 * the message can go back to the producer unchanged: it is what an HTTP 400 body or a DLQ reason
 * header carries.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final RejectReason reason;

    /**
     * @param reason the machine-readable reason class
     * @param field  JSON path of the offending field, e.g. {@code $.guest}
     * @param detail what is wrong, for a human
     */
    public InvalidFieldException(RejectReason reason, String field, String detail) {
        super(field + ": " + detail);
        this.reason = reason;
        this.field = field;
    }

    /** Convenience for schema-class violations. */
    public InvalidFieldException(String field, String detail) {
        this(RejectReason.SCHEMA, field, detail);
    }

    /** @return JSON path of the offending field */
    public String field() {
        return field;
    }

    /** @return the reason class (for counters and the DLQ header) */
    public RejectReason reason() {
        return reason;
    }
}
