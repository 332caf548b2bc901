package io.triadwatch.http;

/**
 * Thrown by a handler to answer with an error status and an {@link ApiError} body. The server maps
 * it; handlers do not write error responses themselves.
 */
public class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final ApiError body;
    private final Integer retryAfterSeconds;

    /**
     * @param status            HTTP status
     * @param body              the error body
     * @param retryAfterSeconds value of a {@code Retry-After} header, or null
     */
    public HttpProblem(int status, ApiError body, Integer retryAfterSeconds) {
        super(body.message());
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return a 400 naming {@code field} */
    public static HttpProblem badRequest(String error, String field, String message) {
        return new HttpProblem(400, new ApiError(error, field, message), null);
    }

    /** @return a 404 */
    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, new ApiError("not_found", null, message), null);
    }

    /** @return a 503 with {@code Retry-After} */
    public static HttpProblem unavailable(String message, int retryAfterSeconds) {
        return new HttpProblem(503, new ApiError("unavailable", null, message), retryAfterSeconds);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error body */
    public ApiError body() {
        return body;
    }

    /** @return seconds for {@code Retry-After}, or null */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
