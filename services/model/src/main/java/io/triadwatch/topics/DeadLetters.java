package io.triadwatch.topics;

import io.triadwatch.serde.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records for {@link Topics#DLQ}: the raw input bytes, unchanged, with headers
 * saying why. The header names are part of the public contract (docs/contract.md).
 */
public final class DeadLetters {
    /** Machine-readable reason, a {@link io.triadwatch.model.RejectReason} name. */
    public static final String REASON = "triadwatch.reason";
    /** Human-readable detail naming the field. */
    public static final String DETAIL = "triadwatch.reason.detail";
    /** Where the input came from: {@code cli:FILE:LINE}, {@code http}, {@code analyzer}. */
    public static final String SOURCE = "triadwatch.source";
    /** ISO instant of the rejection. */
    public static final String REJECTED_AT = "triadwatch.rejected.at";

    private DeadLetters() {
    }

    /** @return the headers describing {@code rejection} */
    public static Headers headers(Rejection rejection, String source, Instant at) {
        Headers headers = new RecordHeaders();
        headers.add(REASON, utf8(rejection.reason().name()));
        headers.add(DETAIL, utf8(rejection.detail()));
        headers.add(SOURCE, utf8(source));
        headers.add(REJECTED_AT, utf8(at.toString()));
        return headers;
    }

    /** @return a producer record for the DLQ topic carrying {@code raw} and the reason headers */
    public static ProducerRecord<String, byte[]> record(byte[] raw, Rejection rejection, String source, Instant at) {
        return new ProducerRecord<>(Topics.DLQ.name(), null, rejection.eventId(), raw, headers(rejection, source, at));
    }

    /** @return a header's value as text, or null */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
