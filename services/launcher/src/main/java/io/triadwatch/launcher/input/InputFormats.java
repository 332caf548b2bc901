package io.triadwatch.launcher.input;

import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.Adapters;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.adapters.ProgressListener;
import io.triadwatch.adapters.input.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The input formats of {@code produce} and {@code replay}: canonical JSONL, or one of the adapters,
 * given per file ({@code FILE:FORMAT}), as a default ({@code --format}), or detected.
 * <p>
 * Detection looks at the file's first non-blank line only (ZIP and gzip unpacked, UTF-8, a
 * byte-order mark dropped, within the first 64 KiB): a line starting with <code>{</code> is
 * {@code jsonl}; otherwise the format whose adapter recognizes the line — the ICEWS header, the UN
 * votes or vetoes header, or a GDELT event row (57, 58 or 61 tab-separated columns, numeric id,
 * 8-digit date; GDELT files have no header). It refuses, naming the file and asking for
 * {@code FILE:FORMAT}, an empty or blank file, a first line no format recognizes, and a line more
 * than one format recognizes. It never guesses from the file's name.
 */
public final class InputFormats {
    /** Canonical events, one JSON object per line. */
    public static final String JSONL = "jsonl";

    private InputFormats() {
    }

    /** @return every format name, sorted */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>(Adapters.formats());
        names.add(JSONL);
        return List.copyOf(names);
    }

    /**
     * @return the file's format, as the class comment describes
     * @throws IllegalArgumentException naming the file and why when it cannot tell
     * @throws IOException              when the file cannot be read
     */
    public static String detect(Path file) throws IOException {
        Optional<String> first = Inputs.firstLine(file);
        if (first.isEmpty()) {
            throw new IllegalArgumentException(file + ": cannot detect the format of an empty file; give " + file + ":FORMAT");
        }
        String line = first.get().strip();
        if (line.startsWith("{")) {
            return JSONL;
        }
        List<String> candidates = Adapters.formats().stream().filter(f -> Adapters.forFormat(f).recognizes(first.get())).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String shown = line.length() > 80 ? line.substring(0, 79) + "\u2026" : line;
        throw new IllegalArgumentException(file + ": cannot detect the format ("
                + (candidates.isEmpty() ? "no format has a first line like '" + shown + "'" : "the first line fits " + candidates)
                + "); give " + file + ":FORMAT with FORMAT one of " + names());
    }

    /**
     * Resolves one input's format: its own ({@code FILE:FORMAT}), else {@code defaultFormat}, else
     * detected.
     *
     * @param defaultFormat the {@code --format} given, or null
     * @param progress      receives one line saying which format the file is read as, then progress lines on long inputs
     * @return a source reading the file in that format
     * @throws IllegalArgumentException when a format is unknown or cannot be detected
     * @throws IOException              when the file cannot be read
     */
    public static EventSource source(InputSpec input, String defaultFormat, Consumer<String> progress) throws IOException {
        if (!Files.isReadable(input.file())) {
            String hint = input.format() == null && input.file().toString().indexOf(':') > 0
                    ? " (only a format name after the last ':' is a format: " + names() + ")" : "";
            throw new IllegalArgumentException("cannot read " + input.file() + hint);
        }
        String format = input.format() != null ? input.format() : defaultFormat;
        boolean detected = format == null;
        if (detected) {
            format = detect(input.file());
        }
        progress.accept(input.file() + ": " + format + (detected ? " (detected)" : ""));
        return source(format, input.file(), progress);
    }

    /**
     * @param progress receives progress lines on long inputs
     * @return a source reading {@code file} in {@code format}
     * @throws IllegalArgumentException naming the known formats when {@code format} is not one
     */
    public static EventSource source(String format, Path file, Consumer<String> progress) {
        if (JSONL.equals(format)) {
            return EventSource.jsonl(file);
        }
        if (Adapters.find(format).isEmpty()) {
            throw new IllegalArgumentException("unknown format '" + format + "': expected one of " + names());
        }
        EventAdapter adapter = Adapters.forFormat(format);
        String name = file.getFileName().toString();
        return (run, errors) -> {
            try (AdapterRun items = adapter.open(file, ProgressListener.every(100_000,
                    p -> progress.accept("... " + name + ": " + p.read() + " records read, " + p.produced() + " events")))) {
                AdapterFeed.feed(items, name, run, errors);
                progress.accept(name + ": " + items.summary().describe());
            }
        };
    }
}
