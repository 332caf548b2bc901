package io.triadwatch.ingest.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.triadwatch.model.RejectReason;

/**
 * The ingest counters, tagged by channel ({@code cli}, {@code http}, {@code adapter}):
 * {@code triadwatch_ingest_events_accepted_total}, {@code triadwatch_ingest_events_rejected_total{reason}},
 * {@code triadwatch_ingest_events_duplicates_total}.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;

    /** @param registry where the counters live */
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String channel) {
        Counter.builder("triadwatch.ingest.events.accepted").description("events published to the events topic")
                .tag("channel", channel).register(registry).increment();
    }

    /** Counts one rejected input. */
    public void rejected(String channel, RejectReason reason) {
        Counter.builder("triadwatch.ingest.events.rejected").description("inputs rejected, by reason")
                .tag("channel", channel).tag("reason", reason.name()).register(registry).increment();
    }

    void duplicate(String channel) {
        Counter.builder("triadwatch.ingest.events.duplicates").description("events not published again because their id was already seen in this run")
                .tag("channel", channel).register(registry).increment();
    }
}
