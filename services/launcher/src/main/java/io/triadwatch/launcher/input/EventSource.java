package io.triadwatch.launcher.input;

import io.triadwatch.adapters.input.Inputs;
import io.triadwatch.ingest.file.JsonlSource;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.launcher.demo.DemoData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A source of events for a replay or a produce run: the demo timeline, or a file in an input format. */
@FunctionalInterface
public interface EventSource {

    /**
     * Feeds every event into {@code run}.
     *
     * @param errors receives one line per rejected or malformed input
     */
    void feed(IngestRun run, Consumer<String> errors) throws IOException;

    /** @return the built-in demo timeline */
    static EventSource demo() {
        return (run, errors) -> JsonlSource.feed(new BufferedReader(new StringReader(String.join("\n", DemoData.lines(DemoData.EVENTS)))),
                "demo", run, errors);
    }

    /**
     * @return a JSONL file of canonical events, also ZIP- or gzip-compressed (by magic number); a line
     *         that is not UTF-8 is a bad line (never decoded with substitutes) and the reading goes on
     */
    static EventSource jsonl(Path file) {
        return (run, errors) -> {
            String name = file.getFileName().toString();
            try (InputStream in = Inputs.content(Files.newInputStream(file), name)) {
                JsonlSource.feed(in, name, run, errors);
            }
        };
    }
}
