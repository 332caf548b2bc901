package io.triadwatch.launcher.input;

import io.triadwatch.ingest.file.JsonlSource;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.launcher.demo.DemoData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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

    /** @return a JSONL file of canonical events */
    static EventSource jsonl(Path file) {
        return (run, errors) -> {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonlSource.feed(reader, file.getFileName().toString(), run, errors);
            }
        };
    }
}
