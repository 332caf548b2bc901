package io.triadwatch.analyzer.order;

/**
 * One upstream task's promise to a downstream stage, carried in-band on a repartition topic (never on
 * a public topic): "what I send you from now on has an event time at or after {@code millis}", or,
 * when {@link #idle()}, "I have nothing to send; do not wait for me". Sent to every partition of the
 * repartition topic ({@link MarkPartitioner}), after the records it covers, so that a downstream task
 * that has read it has also read every record sent before it by that upstream task.
 *
 * @param source the upstream task's partition (the events partition for the intake, the dyad-inputs
 *               partition for the dyad stage); not negative
 * @param millis the event time (epoch ms) reached, or {@link #IDLE}
 */
public record Watermark(int source, long millis) {
    /** The value of {@code millis} that says the source is idle: it holds nothing back. */
    public static final long IDLE = Long.MAX_VALUE;

    public Watermark {
        if (source < 0) {
            throw new IllegalArgumentException("source must not be negative, got " + source);
        }
    }

    /** @return true when the source has nothing to send */
    public boolean idle() {
        return millis == IDLE;
    }
}
