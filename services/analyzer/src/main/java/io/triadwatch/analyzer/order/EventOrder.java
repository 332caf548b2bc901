package io.triadwatch.analyzer.order;

import io.triadwatch.serde.Durations;
import java.time.Duration;

/**
 * How the analyzer makes its output a function of its input set rather than of how its input
 * partitions interleave (docs/reliability.md, "Deterministic output"): the dyad stage applies impulses
 * in event-time order ({@code occurredAt}, event id, dyad) and the triad stage applies dyad moves in
 * event-time order ({@code eventAt}, dyad, event id), each releasing what it holds once every
 * upstream task's watermark has passed it.
 *
 * @param enabled     false: every input is applied as it arrives (the order of one partition, which is
 *                    deterministic when every topic has one partition, as a backtest has)
 * @param sources     the partitions of the events topic, i.e. the intake tasks the dyad stage waits
 *                    for; 0 = not known yet (the service reads it from the broker at start; a driver
 *                    without a broker waits for the sources that have reported)
 * @param markInterval how often (wall clock) an upstream task sends its watermark when it changed
 * @param idleTimeout an upstream task that received no input for this long (wall clock) says it is
 *                    idle, so that the last event time held is released; the price of a low live
 *                    latency: an input that reaches an idle task late is applied late (counted)
 * @param backlog     whether an intake task has read its partition to the end: it says idle only then
 *                    ({@link SourceBacklog#NONE} without a broker, e.g. in a TopologyTestDriver)
 */
public record EventOrder(boolean enabled, int sources, Duration markInterval, Duration idleTimeout, SourceBacklog backlog) {
    public EventOrder {
        java.util.Objects.requireNonNull(backlog, "backlog");
        if (sources < 0) {
            throw new IllegalArgumentException("sources must not be negative, got " + sources);
        }
        Durations.requirePositive(markInterval, "markInterval");
        Durations.requirePositive(idleTimeout, "idleTimeout");
    }

    /** @return ordering off: inputs applied as they arrive */
    public static EventOrder off() {
        return new EventOrder(false, 0, Duration.ofMillis(200), Duration.ofSeconds(1), SourceBacklog.NONE);
    }

    /** @return ordering on, sources read from the broker at start, marks every 200 ms, idle after 1 s */
    public static EventOrder live() {
        return new EventOrder(true, 0, Duration.ofMillis(200), Duration.ofSeconds(1), SourceBacklog.NONE);
    }

    /** @return a copy waiting for {@code value} intake tasks */
    public EventOrder withSources(int value) {
        return new EventOrder(enabled, value, markInterval, idleTimeout, backlog);
    }

    /** @return a copy that asks {@code value} whether an intake task has read its partition to the end */
    public EventOrder withBacklog(SourceBacklog value) {
        return new EventOrder(enabled, sources, markInterval, idleTimeout, value);
    }

}
