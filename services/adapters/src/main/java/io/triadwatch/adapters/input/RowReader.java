package io.triadwatch.adapters.input;

import java.io.Closeable;
import java.io.IOException;

/** Reads records one at a time. Not thread-safe. */
public interface RowReader extends Closeable {

    /** @return the next record, or null at the end of the input */
    Row next() throws IOException;
}
