package io.triadwatch.http;

import io.triadwatch.serde.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's server-level error handler, so that the errors Jetty answers before any route runs (a
 * request line or URI too long, headers too large, an unknown HTTP version, a malformed request) are
 * JSON {@link ApiError}s like every other error, never Jetty's HTML page, and never carry a stack
 * trace or Jetty's version.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        if (!HttpStatus.hasNoBody(code)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_UTF8);
            response.write(true, ByteBuffer.wrap(Json.bytes(new ApiError(errorCode(code), null, describe(code, message)))), callback);
        } else {
            callback.succeeded();
        }
    }

    /** @return the machine code of an error status, e.g. {@code too_large} for 413 */
    static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 500 -> "internal";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> "http_" + status;
        };
    }

    private static String describe(int code, String message) {
        return switch (code) {
            case 414 -> "the request URI is longer than the server accepts; send parameters in a shorter query";
            case 431 -> "the request headers are larger than the server accepts";
            case 505 -> "only HTTP/1.0 and HTTP/1.1 are supported";
            case 408 -> "the request was not received in time";
            default -> code >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        };
    }
}
