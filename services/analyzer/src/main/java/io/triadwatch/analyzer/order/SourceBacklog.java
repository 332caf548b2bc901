package io.triadwatch.analyzer.order;

/**
 * Tells an intake task whether it has read its events partition to the end, so that it says it is
 * idle ({@link Watermark#IDLE}) only when nothing is waiting for it on the broker. Without it, a task
 * that has not yet fetched its backlog one {@link EventOrder#idleTimeout()} after a restart or a
 * rebalance says idle, the dyad stage releases what it holds, and the backlog arrives behind inputs
 * already released: applied late, so that the output after a crash differs from an uninterrupted
 * run's (docs/reliability.md, "Exactly-once under SIGKILL").
 * <p>
 * Implementations are called from stream threads on every watermark punctuation: they must answer
 * from memory, never block, and never throw.
 */
@FunctionalInterface
public interface SourceBacklog {
    /** Every partition counts as read to the end: a task says idle after its idle timeout alone. */
    SourceBacklog NONE = (partition, nextOffset) -> true;

    /**
     * @param partition  the events partition of the asking task
     * @param nextOffset the offset after the last record the task processed since it started, or -1
     *                   when it has processed none
     * @return true when the task has read its partition to the end as far as is known
     */
    boolean caughtUp(int partition, long nextOffset);
}
