package io.triadwatch.analyzer;

import java.util.List;

/**
 * The names of the analyzer's state stores. They are stable: each names its RocksDB directory and
 * its changelog topic ({@code <application.id>-<store>-changelog}), so renaming one loses state.
 */
public final class AnalyzerStores {
    /** Global: every version of every official, key {@code id@validFrom}, the topic's bytes. */
    public static final String OFFICIALS = "officials-store";
    /** Intake: event id → event time (epoch ms) of every event applied and not yet beyond the grace period ({@link io.triadwatch.analyzer.intake.DedupeWindow}); a repeated id changes nothing. */
    public static final String EVENT_DEDUPE = "event-dedupe-store";
    /** Intake: the event-time watermark of the input partition, for the grace period. */
    public static final String EVENT_WATERMARK = "event-watermark-store";
    /**
     * Intake: {@code dyad|bucketStart} → {@link io.triadwatch.analyzer.intake.CodedBucket}, the coded impulses of one
     * dyad and event-time bucket summed and not yet forwarded (JSON, record cache on). Only when combining is on.
     */
    public static final String CODED_BUCKETS = "coded-bucket-store";
    /**
     * Dyad: dyad id → {@link io.triadwatch.analyzer.dyad.DyadAggregate} (the last state and move stats), binary
     * ({@link io.triadwatch.analyzer.dyad.DyadAggregateSerde}, first byte the format version; older JSON values still read). Queryable.
     */
    public static final String DYAD_STATE = "dyad-state-store";
    /**
     * Dyad: {@code dyad|time|eventId} → {@link io.triadwatch.analyzer.dyad.HistoryPoint}, binary
     * ({@link io.triadwatch.analyzer.dyad.HistoryPointSerde}; older JSON values still read). Queryable (history).
     */
    public static final String DYAD_HISTORY = "dyad-history-store";
    /** Dyad: dyad id → the ids of the triads that watch it, comma-separated. */
    public static final String DYAD_TRIADS = "dyad-triads-store";
    /** Dyad: {@code HOST:GUEST:OCCASION} → {@link io.triadwatch.analyzer.dyad.RankSeries}, the protocol baseline. */
    public static final String RANK_SERIES = "rank-series-store";
    /** Triad: triad id → {@link io.triadwatch.analyzer.triad.TriadAggregate}, binary ({@link io.triadwatch.analyzer.triad.TriadAggregateSerde}; older JSON values still read). Queryable. */
    public static final String TRIAD_STATE = "triad-state-store";

    /**
     * Dyad, with event-time ordering on: impulses held until every intake task's watermark passes
     * them, by order key ({@code occurredAt|eventId|dyad}, see {@link io.triadwatch.analyzer.order.EventTimeRelease}).
     */
    public static final String DYAD_HELD = "dyad-held-store";
    /** Dyad, with event-time ordering on: each intake task's latest watermark and the last key released. */
    public static final String DYAD_MARKS = "dyad-marks-store";
    /** Triad, with event-time ordering on: dyad moves held until every dyad task's watermark passes them. */
    public static final String TRIAD_HELD = "triad-held-store";
    /** Triad, with event-time ordering on: each dyad task's latest watermark and the last key released. */
    public static final String TRIAD_MARKS = "triad-marks-store";

    /** Every store, global one first (with the default configuration, which combines coded impulses; with event-time ordering on, {@link #ORDERING} too). */
    public static final List<String> ALL = List.of(OFFICIALS, EVENT_DEDUPE, EVENT_WATERMARK, CODED_BUCKETS, DYAD_STATE, DYAD_HISTORY, DYAD_TRIADS, RANK_SERIES, TRIAD_STATE);
    /** The stores of event-time ordering ({@link io.triadwatch.analyzer.order.EventOrder}). */
    public static final List<String> ORDERING = List.of(DYAD_HELD, DYAD_MARKS, TRIAD_HELD, TRIAD_MARKS);

    private AnalyzerStores() {
    }
}
