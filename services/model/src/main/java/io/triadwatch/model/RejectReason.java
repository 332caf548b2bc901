package io.triadwatch.model;

/**
 * Why an input record was rejected. The names are part of the public contract: they are the values
 * of the {@code triadwatch.reason} DLQ header and the {@code reason} tag of rejection counters.
 */
public enum RejectReason {
    /** The bytes are not a JSON document. */
    INVALID_JSON,
    /** The document breaks the JSON Schema or a field rule (missing, wrong type, out of range). */
    SCHEMA,
    /** A field names an actor that is not an ISO 3166-1 alpha-3 code. */
    UNKNOWN_ACTOR,
    /** The event is valid but no impulse can be computed from it. */
    UNSCORABLE,
    /** The event arrived after its dyad's grace period had closed. */
    LATE,
    /**
     * The event's {@code occurredAt} is outside the accepted event-time window: before its earliest
     * date or more than the maximum future skew after the time it was received
     * ({@link io.triadwatch.serde.EventTimeWindow}).
     */
    OUT_OF_RANGE,
    /**
     * The record on the events topic is not keyed by its event's id. Events are partitioned by id,
     * which is what lets one intake task see every copy of an id and apply it once; a copy under
     * another key could land on another partition and be applied twice.
     */
    KEY_MISMATCH,
    /** The input is larger than the documented limit. */
    TOO_LARGE,
    /** A producer could not deliver an accepted record to Kafka. */
    PUBLISH_FAILED
}
