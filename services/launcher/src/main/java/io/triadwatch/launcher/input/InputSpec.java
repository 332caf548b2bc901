package io.triadwatch.launcher.input;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;

/**
 * One input file of {@code produce} or {@code replay}, as given on the command line:
 * {@code FILE} or {@code FILE:FORMAT}.
 * <p>
 * Only a known format name after the <em>last</em> colon is a format; anything else belongs to the
 * file name. So Windows paths ({@code C:\data\events.tab}, {@code C:\data\events.tab:icews}) and
 * file names with colons read as they should; a file whose name itself ends in {@code :icews} is
 * given with its format added ({@code odd:icews:jsonl}).
 *
 * @param file   the file
 * @param format the format given after the colon, or null when none was (then the default or detection decides)
 */
public record InputSpec(Path file, String format) {
    public InputSpec {
        Objects.requireNonNull(file, "file");
        if (format != null && format.isBlank()) {
            throw new IllegalArgumentException("format must not be blank; leave it null for none");
        }
    }

    /**
     * @param argument the command-line argument
     * @param formats  the known format names
     * @return the file and, when the text after the last colon is one of {@code formats}, that format
     * @throws IllegalArgumentException when {@code argument} is blank
     */
    public static InputSpec parse(String argument, Collection<String> formats) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("an input file name is empty");
        }
        int colon = argument.lastIndexOf(':');
        if (colon > 0 && formats.contains(argument.substring(colon + 1))) {
            return new InputSpec(Path.of(argument.substring(0, colon)), argument.substring(colon + 1));
        }
        return new InputSpec(Path.of(argument), null);
    }

    /** @return {@code FILE:FORMAT}, or {@code FILE} without a format */
    @Override
    public String toString() {
        return format == null ? file.toString() : file + ":" + format;
    }
}
