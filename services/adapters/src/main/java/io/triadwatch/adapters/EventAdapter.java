package io.triadwatch.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one input format and turns it into canonical events, lazily.
 * <p>
 * Implementations are immutable and thread-safe; each {@link AdapterRun} they open is used by one
 * thread. Opening reads at most the header; records are parsed as the caller iterates.
 */
public interface EventAdapter {

    /** @return the format name used on the command line, e.g. {@code gdelt} or {@code unsc-votes} */
    String format();

    /**
     * Tells whether an input whose first non-blank line is {@code firstLine} looks like this format,
     * for {@code --events FILE} without a format. A header format recognizes its header (every
     * required column present); a headerless format recognizes a well-formed first record. It is a
     * cheap guess from one line, never a promise that every record parses: {@link #open} still
     * checks the input and bad records are still skipped.
     *
     * @param firstLine the first non-blank line, decoded, without its line end and byte-order mark
     */
    boolean recognizes(String firstLine);

    /**
     * Opens a stream of input. A ZIP archive or a gzip stream is unpacked transparently (a ZIP's
     * first file is read).
     *
     * @param in       the input; the run owns it and closes it on {@link AdapterRun#close()}
     * @param name     a name for the input (the file name), used in event sources and messages
     * @param progress told every {@link ProgressListener#interval()} records and once at the end
     * @return a run positioned before the first record
     * @throws InvalidInputException when the input is not this format at all (e.g. a missing header)
     * @throws IOException           when it cannot be read
     */
    AdapterRun open(InputStream in, String name, ProgressListener progress) throws IOException;

    /**
     * Opens a file. See {@link #open(InputStream, String, ProgressListener)}.
     *
     * @throws IOException when the file cannot be opened or is not this format
     */
    default AdapterRun open(Path file, ProgressListener progress) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return open(in, file.getFileName().toString(), progress);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a file without progress reports. */
    default AdapterRun open(Path file) throws IOException {
        return open(file, ProgressListener.NONE);
    }
}
