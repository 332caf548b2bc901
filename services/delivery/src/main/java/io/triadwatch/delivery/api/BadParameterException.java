package io.triadwatch.delivery.api;

/** A request parameter the alert API cannot accept; answered with 400 and an {@link ApiError}. */
public final class BadParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the parameter's name
     * @param message what is wrong with it
     */
    public BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the parameter's name */
    public String field() {
        return field;
    }

    /** @return the 400 body */
    public ApiError toError() {
        return new ApiError("bad_request", field, getMessage());
    }
}
