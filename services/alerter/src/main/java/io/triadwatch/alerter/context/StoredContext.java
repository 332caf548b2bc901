package io.triadwatch.alerter.context;

import io.triadwatch.serde.binary.MalformedBinaryException;
import java.util.Objects;

/**
 * A dyad context as the {@code alerter-dyad-context-store} holds it: its encoded bytes, decoded only
 * when read. Why: the dyad-state join fetches the context of every dyad state, but only an alert that
 * fires cites it, so most contexts are never decoded. Immutable; not thread-safe in its lazy decode,
 * like every value of one stream task.
 */
public final class StoredContext {
    private final byte[] bytes;
    private DyadContext decoded;

    private StoredContext(byte[] bytes, DyadContext decoded) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.decoded = decoded;
    }

    /** @return the stored form of {@code context} */
    public static StoredContext of(DyadContext context) {
        return new StoredContext(ContextCodec.encode(context), Objects.requireNonNull(context, "context"));
    }

    /** @return a context without triads, stored */
    public static StoredContext empty() {
        return of(DyadContext.empty());
    }

    /** @return the value read back from {@link #bytes()}, decoded on first use */
    static StoredContext ofBytes(byte[] bytes) {
        return new StoredContext(bytes, null);
    }

    /** @return the encoded form, as written to the store and its changelog */
    byte[] bytes() {
        return bytes;
    }

    /**
     * @return the context
     * @throws IllegalStateException when the stored bytes are not a context
     */
    public DyadContext context() {
        if (decoded == null) {
            try {
                decoded = ContextCodec.decodeContext(bytes);
            } catch (MalformedBinaryException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
                throw new IllegalStateException("stored dyad context of " + bytes.length + " bytes cannot be read: " + e.getMessage(), e);
            }
        }
        return decoded;
    }
}
