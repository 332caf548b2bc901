package io.triadwatch.http;

/**
 * The JSON body of every error response: a machine code, the field at fault (or null), and a
 * message a user can act on. Never a stack trace.
 *
 * @param error   machine code, e.g. {@code invalid_event}, {@code unauthorized}
 * @param field   JSON path or parameter name at fault, or null
 * @param message human text
 */
public record ApiError(String error, String field, String message) {
}
