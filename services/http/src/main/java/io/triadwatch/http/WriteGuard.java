package io.triadwatch.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * What every write under {@code /api} passes before its handler: the client's rate limit (429 with
 * {@code Retry-After}, checked first so that guessing tokens is limited too), the write token (401
 * without it, 403 with the read-only token), and the declared body length (413 before reading it).
 * Reads pass untouched.
 */
final class WriteGuard {
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final BearerAuth writeAuth;
    private final BearerAuth readAuth;
    private final WriteRateLimiter limiter;
    private final long maxBodyBytes;

    /**
     * @param readAuth the read-only token, or null
     * @param limiter  the per-client limit, or null
     */
    WriteGuard(BearerAuth writeAuth, BearerAuth readAuth, WriteRateLimiter limiter, long maxBodyBytes) {
        this.writeAuth = writeAuth;
        this.readAuth = readAuth;
        this.limiter = limiter;
        this.maxBodyBytes = maxBodyBytes;
    }

    void check(Context ctx) {
        if (!WRITES.contains(ctx.method())) {
            return;
        }
        if (limiter != null) {
            long wait = limiter.acquire(ctx.ip());
            if (wait > 0) {
                throw new HttpProblem(429, new ApiError("too_many_requests", null,
                        "this client sends writes faster than the limit; retry after " + wait + " s"), (int) Math.min(Integer.MAX_VALUE, wait));
            }
        }
        String authorization = ctx.header("Authorization");
        if (!writeAuth.accepts(authorization)) {
            if (readAuth != null && readAuth.accepts(authorization)) {
                throw new HttpProblem(403, new ApiError("forbidden", "Authorization",
                        "this token is read-only (TRIADWATCH_API_READ_TOKEN); writes need the API token (TRIADWATCH_API_TOKEN)"), null);
            }
            ctx.header("WWW-Authenticate", "Bearer realm=\"triadwatch\"");
            throw new HttpProblem(401, new ApiError("unauthorized", "Authorization",
                    "writes need 'Authorization: Bearer <token>' with the API token (TRIADWATCH_API_TOKEN)"), null);
        }
        // The declared length as a long: the servlet int form is -1 above 2 GiB, and such a body
        // would then be awaited until the idle timeout instead of refused at once.
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw HttpServer.tooLarge(length, maxBodyBytes);
        }
    }
}
