package io.triadwatch.adapters.gdelt;

import io.triadwatch.adapters.AdapterRun;

/** Receives the items of each new batch, in batch order. */
@FunctionalInterface
public interface GdeltBatchSink {

    /**
     * Consumes one batch. Return only once the batch is durably handled (published and flushed):
     * the follower then saves {@code batch} in its checkpoint. Throwing leaves the checkpoint where
     * it was, so the same batch is offered again at the next poll (its event ids are the same, so
     * an idempotent producer absorbs a partial first attempt). A sink that commits {@code batch}
     * in the same transaction as its events gets exactly-once hand-over.
     *
     * @param batch the batch
     * @param items its items; whatever the sink leaves unread is read and counted by the follower
     */
    void accept(GdeltBatch batch, AdapterRun items) throws Exception;
}
