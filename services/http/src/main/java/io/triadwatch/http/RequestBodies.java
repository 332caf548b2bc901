package io.triadwatch.http;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies as the write endpoints accept them: UTF-8 text, checked strictly in one place.
 * A body that is not (a malformed or overlong sequence, a lone surrogate, a UTF-16 or UTF-32
 * encoding, a NUL byte) is refused with a 400 {@link ApiError} saying why and where, before any
 * JSON parser sees it: no parser detects another encoding, and no decoder substitutes U+FFFD.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * @return the request body, guaranteed to be well-formed UTF-8 without a NUL byte (so
     *         {@code new String(bytes, UTF_8)} is lossless)
     * @throws HttpProblem 400 {@code unsupported_encoding} for a UTF-16 or UTF-32 body, 400
     *                     {@code invalid_encoding} for anything else that is not such UTF-8
     */
    public static byte[] utf8Bytes(Context ctx) {
        return checkUtf8(ctx.bodyAsBytes());
    }

    /**
     * @return the request body as text, with the guarantees of {@link #utf8Bytes(Context)}
     * @throws HttpProblem as {@link #utf8Bytes(Context)}
     */
    public static String utf8(Context ctx) {
        return new String(utf8Bytes(ctx), StandardCharsets.UTF_8);
    }

    /**
     * @return {@code body} itself when it is well-formed UTF-8 without a NUL byte
     * @throws HttpProblem as {@link #utf8Bytes(Context)}
     */
    public static byte[] checkUtf8(byte[] body) {
        String wide = wideEncoding(body);
        if (wide != null) {
            throw new HttpProblem(400, new ApiError("unsupported_encoding", "$",
                    "the body looks like " + wide + "; send UTF-8 (RFC 8259), without a byte order mark other than UTF-8's"), null);
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                throw invalid("a NUL byte at offset " + i + " is not allowed in a body");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalid("the body is not valid UTF-8: " + result.length() + " malformed byte(s) at offset " + in.position());
        }
        return body;
    }

    /** @return the name of the UTF-16/32 encoding {@code body} starts in (by its BOM or its NUL pattern), or null */
    private static String wideEncoding(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] == (byte) 0xFE && b[3] == (byte) 0xFF || b[2] == 0 && b[3] != 0)) {
            return "UTF-32BE";
        }
        if (b.length >= 4 && (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0 || b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)) {
            return "UTF-32LE";
        }
        if (b.length >= 2 && (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF || b[0] == 0 && b[1] != 0)) {
            return "UTF-16BE";
        }
        if (b.length >= 2 && (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE || b[0] != 0 && b[1] == 0)) {
            return "UTF-16LE";
        }
        return null;
    }

    private static HttpProblem invalid(String message) {
        return new HttpProblem(400, new ApiError("invalid_encoding", "$", message), null);
    }
}
