package io.triadwatch.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/** Request content-type checks shared by the write endpoints. */
public final class MediaTypes {
    /** {@code application/json}. */
    public static final String JSON = "application/json";
    /** Newline-delimited JSON. */
    public static final String NDJSON = "application/x-ndjson";

    private MediaTypes() {
    }

    /**
     * @return the request's media type, lower case, without parameters
     * @throws HttpProblem 415 when it is missing or not one of {@code accepted}
     */
    public static String require(Context ctx, Set<String> accepted) {
        String header = ctx.header("Content-Type");
        String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(mediaType)) {
            throw new HttpProblem(415, new ApiError("unsupported_media_type", "Content-Type",
                    "Content-Type must be one of " + accepted + ", got '" + (header == null ? "" : header) + "'"), null);
        }
        return mediaType;
    }
}
