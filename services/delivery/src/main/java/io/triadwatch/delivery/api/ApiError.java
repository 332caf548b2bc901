package io.triadwatch.delivery.api;

/**
 * The JSON body of every error the alert API answers itself.
 *
 * @param error   machine code: {@code bad_request}, {@code not_found}, {@code not_acceptable}, {@code too_many_streams}, {@code unavailable}
 * @param field   the query parameter, path parameter or header at fault, or null
 * @param message what is wrong, for a human
 */
public record ApiError(String error, String field, String message) {
}
