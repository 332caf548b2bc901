package io.triadwatch.adapters;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One pass over one input: a lazy iterator of {@link AdapterItem}s, then a summary.
 * <p>
 * Records are read only as items are requested, so memory stays constant however large the input.
 * Not thread-safe. {@link #hasNext()} and {@link #next()} throw {@link java.io.UncheckedIOException}
 * when the input cannot be read any further (a truncated ZIP, a failing disk); a bad record never
 * throws, it becomes a {@link AdapterItem.Skipped}.
 */
public interface AdapterRun extends Iterator<AdapterItem>, Closeable {

    /**
     * @return the counts of the run
     * @throws IllegalStateException before the iterator is exhausted (counts would not balance yet)
     */
    AdapterSummary summary();

    /** @return the counters so far; valid at any time */
    AdapterProgress progress();

    /** Closes the input; does not throw for an input already closed. */
    @Override
    void close();

    /** @return the remaining items as a sequential stream; closing the stream closes the run */
    default Stream<AdapterItem> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }
}
