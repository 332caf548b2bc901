package io.triadwatch.launcher.input;

import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.Adapters;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.adapters.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The input formats of {@code produce} and {@code replay}: canonical JSONL, or one of the adapters. */
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
     * @param progress receives progress lines on long inputs
     * @return a source reading {@code file} in {@code format}
     * @throws IllegalArgumentException naming the known formats when {@code format} is not one
     */
    public static EventSource source(String format, Path file, Consumer<String> progress) {
        if (JSONL.equals(format)) {
            return EventSource.jsonl(file);
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
