package io.triadwatch.adapters;

import io.triadwatch.adapters.input.Row;
import io.triadwatch.adapters.input.RowReader;
import io.triadwatch.model.Event;
import io.triadwatch.model.InvalidFieldException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared machinery of every run: reading records one at a time, a small queue of ready items,
 * the counters, progress reports and the end-of-input summary. A format implements
 * {@link #convert(Row)}, which reports what became of each record through {@link #produce},
 * {@link #skip} and {@link #tryProduce}, and, when it buffers records, {@link #endOfInput()}.
 */
public abstract class AbstractAdapterRun implements AdapterRun {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractAdapterRun.class);

    private final String format;
    private final String input;
    private final ProgressListener progress;
    private final RowReader rows;
    private final ArrayDeque<AdapterItem> ready = new ArrayDeque<>();
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private long read;
    private long accepted;
    private long produced;
    private long skippedTotal;
    private boolean exhausted;
    private boolean closed;

    /**
     * @param format   the adapter's format
     * @param input    the input's name
     * @param progress the progress listener
     * @param rows     the records, positioned after any header; closed by {@link #close()}
     */
    protected AbstractAdapterRun(String format, String input, ProgressListener progress, RowReader rows) {
        this.format = Objects.requireNonNull(format, "format");
        this.input = Objects.requireNonNull(input, "input");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /**
     * Turns one record into a produced event, into skips, or, for a format that groups records,
     * into buffered state. Must not throw for bad data.
     */
    protected abstract void convert(Row row);

    /**
     * Called when the input has ended, until it returns false: emits what is still buffered.
     *
     * @return true when it emitted something (it is then called again), false when nothing is left
     */
    protected boolean endOfInput() {
        return false;
    }

    private boolean advance() throws IOException {
        Row row = rows.next();
        if (row == null) {
            return endOfInput();
        }
        read++;
        if (read % Math.max(1, progress.interval()) == 0) {
            report(false);
        }
        convert(row);
        return true;
    }

    /**
     * Emits an event built from {@code records} records.
     *
     * @param line the first record's line
     */
    protected final void produce(Event event, long line, int records) {
        accepted += records;
        produced++;
        ready.add(new AdapterItem.Produced(event, line));
    }

    /** Emits one skipped record. */
    protected final void skip(SkipReason reason, long line, String detail) {
        skipped.merge(reason, 1L, Long::sum);
        skippedTotal++;
        ready.add(new AdapterItem.Skipped(reason, line, detail));
    }

    /**
     * Builds an event and emits it, or, when the record constructor rejects it, skips every record
     * it was built from as {@link SkipReason#INVALID_EVENT}.
     *
     * @param lines the lines of the records the event is built from, the first first
     */
    protected final void tryProduce(Supplier<? extends Event> build, List<Long> lines) {
        Event event;
        try {
            event = build.get();
        } catch (InvalidFieldException e) {
            for (long line : lines) {
                skip(SkipReason.INVALID_EVENT, line, e.reason() + " " + e.getMessage());
            }
            return;
        }
        produce(event, lines.get(0), lines.size());
    }

    /** Longest summary the contract allows. */
    protected static final int MAX_SUMMARY = 2000;

    /** @return {@code text} cut to {@link #MAX_SUMMARY} characters, ending in an ellipsis when cut */
    protected static String clip(String text) {
        return clip(text, MAX_SUMMARY);
    }

    /** @return {@code text} cut to {@code max} characters, ending in an ellipsis when cut */
    protected static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** @return the input's name */
    protected final String input() {
        return input;
    }

    @Override
    public final boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            if (closed) {
                throw new IllegalStateException(format + " run over " + input + " is closed");
            }
            boolean more;
            try {
                more = advance();
            } catch (IOException e) {
                throw new UncheckedIOException(format + ": cannot read " + input + " after " + read + " records", e);
            }
            if (!more) {
                exhausted = true;
                report(true);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public final AdapterItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException(format + " run over " + input + " has no more items");
        }
        return ready.poll();
    }

    @Override
    public final AdapterSummary summary() {
        if (!exhausted || !ready.isEmpty()) {
            throw new IllegalStateException("the summary of " + input + " is known only after the last item; iterate to the end first");
        }
        return new AdapterSummary(format, input, read, accepted, produced, skipped);
    }

    @Override
    public final AdapterProgress progress() {
        return new AdapterProgress(format, input, read, produced, skippedTotal, exhausted);
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
        } catch (IOException e) {
            LOG.warn("{}: closing {} failed", format, input, e);
        }
    }

    private void report(boolean done) {
        AdapterProgress snapshot = new AdapterProgress(format, input, read, produced, skippedTotal, done);
        try {
            progress.onProgress(snapshot);
        } catch (RuntimeException e) {
            LOG.warn("{}: progress listener failed on {}", format, snapshot, e);
        }
    }
}
