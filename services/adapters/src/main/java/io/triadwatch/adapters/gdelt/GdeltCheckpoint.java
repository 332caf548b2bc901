package io.triadwatch.adapters.gdelt;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the follower remembers the last batch it handed over completely. Implementations must make
 * {@link #save} durable before returning (the launcher backs it by a compacted topic), so that a
 * restarted follower resumes right after that batch.
 */
public interface GdeltCheckpoint {

    /** @return the last batch saved, or empty when none was */
    Optional<GdeltBatch> last();

    /** Records {@code batch} as done. */
    void save(GdeltBatch batch);

    /** @return a checkpoint held in memory only: for tests, or a follower that may start fresh */
    static GdeltCheckpoint inMemory() {
        AtomicReference<GdeltBatch> last = new AtomicReference<>();
        return new GdeltCheckpoint() {
            @Override
            public Optional<GdeltBatch> last() {
                return Optional.ofNullable(last.get());
            }

            @Override
            public void save(GdeltBatch batch) {
                last.set(batch);
            }
        };
    }
}
