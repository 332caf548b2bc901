package io.triadwatch.serde.binary;

/** A compact binary value that cannot be read: truncated, out of range, or of an unknown version. */
public final class MalformedBinaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and where */
    public MalformedBinaryException(String message) {
        super(message);
    }
}
