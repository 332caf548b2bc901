package io.triadwatch.topics;

import java.util.List;

/**
 * The registry of every Triadwatch topic: the single place a topic name is written.
 * Names are versioned ({@code .v1}); a breaking change gets a new topic, not a new meaning.
 */
public final class Topics {
    /** Canonical events, keyed by event id. */
    public static final TopicSpec EVENTS = new TopicSpec("triadwatch.events.v1", 6, false, "event id", "canonical event (schemas/event.v1.schema.json)");
    /** Rejected input: the raw bytes plus reason headers. */
    public static final TopicSpec DLQ = new TopicSpec("triadwatch.events.dlq.v1", 3, false, "event id or null", "raw bytes as received; headers triadwatch.reason, triadwatch.reason.detail, triadwatch.source, triadwatch.rejected.at");
    /** Officials registry, one key per version. */
    public static final TopicSpec OFFICIALS = new TopicSpec("triadwatch.officials.v1", 1, true, "official id @ validFrom", "official (schemas/official.v1.schema.json)");
    /** Watched triads. */
    public static final TopicSpec TRIADS = new TopicSpec("triadwatch.triads.v1", 1, true, "triad id", "triad (schemas/triad.v1.schema.json)");
    /** Alert rules. */
    public static final TopicSpec RULES = new TopicSpec("triadwatch.rules.v1", 1, true, "rule id", "alert rule (schemas/rule.v1.schema.json)");
    /** Current state of every dyad. */
    public static final TopicSpec DYAD_STATE = new TopicSpec("triadwatch.dyad-state.v1", 6, true, "dyad id (CHN-PRK)", "dyad state (schemas/dyad-state.v1.schema.json)");
    /** Current state of every watched triad. */
    public static final TopicSpec TRIAD_STATE = new TopicSpec("triadwatch.triad-state.v1", 3, true, "triad id", "triad state (schemas/triad-state.v1.schema.json)");
    /** Alerts: FIRING and RESOLVED records, keyed by fingerprint. */
    public static final TopicSpec ALERTS = new TopicSpec("triadwatch.alerts.v1", 3, false, "alert fingerprint", "alert (schemas/alert.v1.schema.json)");

    /** The GDELT follower's checkpoint: the last ingested batch per index URL, so a restart neither skips nor repeats. */
    public static final TopicSpec FOLLOWER_CHECKPOINTS = new TopicSpec("triadwatch.follower-checkpoints.v1", 1, true, "index URL", "last ingested batch {url, batch, at}");

    /** Every topic: those of DESIGN.md in its order, then the follower's checkpoints. */
    public static final List<TopicSpec> ALL = List.of(EVENTS, DLQ, OFFICIALS, TRIADS, RULES, DYAD_STATE, TRIAD_STATE, ALERTS, FOLLOWER_CHECKPOINTS);

    private Topics() {
    }
}
