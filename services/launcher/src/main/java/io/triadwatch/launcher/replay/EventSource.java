package io.triadwatch.launcher.replay;

import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A source of events for a replay: the demo timeline, or a file in one of the input formats. */
public interface EventSource {

    /**
     * Feeds every event into {@code run}; events after {@code until} are skipped and counted.
     *
     * @param until the last instant to include, or null for all
     */
    void feed(IngestRun run, Instant until, Consumer<String> log) throws IOException;

    /** @return the built-in demo timeline */
    static EventSource demo() {
        return (run, until, log) -> jsonl(DemoData.lines(DemoData.EVENTS), "demo", run, until);
    }

    /** @return a JSONL file of canonical events */
    static EventSource jsonl(Path file) {
        return (run, until, log) -> {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                jsonl(reader.lines().toList(), file.getFileName().toString(), run, until);
            }
        };
    }

    private static void jsonl(List<String> lines, String name, IngestRun run, Instant until) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            byte[] raw = line.getBytes(StandardCharsets.UTF_8);
            Decoded<Event> decoded = Codecs.events().decode(raw);
            if (!decoded.accepted()) {
                run.rejected(raw, decoded.rejection(), "replay:" + name + ":" + (i + 1));
            } else {
                offer(run, decoded.value(), until);
            }
        }
    }

    /** Offers {@code event} unless it is after {@code until}. */
    static void offer(IngestRun run, Event event, Instant until) {
        if (until != null && event.occurredAt().isAfter(until)) {
            run.skipped("after-until");
        } else {
            run.event(event);
        }
    }
}
