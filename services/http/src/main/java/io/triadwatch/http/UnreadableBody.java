package io.triadwatch.http;

import java.io.EOFException;
import org.eclipse.jetty.http.HttpException;

/**
 * A request whose body could not be read because of the client: a malformed chunked encoding, an
 * upload that ended before its declared length. Such a request is answered with a 4xx, not a 500.
 *
 * @param status the 4xx to answer
 * @param detail what went wrong, for the client and one log line
 */
record UnreadableBody(int status, String detail) {
    /** @return the unreadable body behind {@code failure}, or null when it is not one */
    static UnreadableBody of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return new UnreadableBody(http.getCode(), "the request body could not be read: " + reason(http.getReason(), t));
            }
            if (t instanceof EOFException) {
                return new UnreadableBody(400, "the request body ended early: " + reason(null, t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String reason(String reason, Throwable t) {
        String text = reason != null && !reason.isBlank() ? reason : t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getSimpleName() : text;
    }
}
