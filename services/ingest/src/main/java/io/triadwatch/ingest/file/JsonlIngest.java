package io.triadwatch.ingest.file;

import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes files of canonical events, one JSON object per line. Blank lines are ignored. Each
 * bad line is reported as {@code FILE:LINE: REASON at FIELD: detail}, sent to the DLQ with its
 * source {@code cli:FILE:LINE}, and the run goes on.
 */
public final class JsonlIngest {
    private final EventPublisher publisher;
    private final Consumer<String> errors;
    private final Consumer<String> progress;

    /**
     * @param errors   receives one line per rejected input
     * @param progress receives progress lines on long files
     */
    public JsonlIngest(EventPublisher publisher, Consumer<String> errors, Consumer<String> progress) {
        this.publisher = publisher;
        this.errors = errors;
        this.progress = progress;
    }

    /**
     * Reads every file in order and publishes its events.
     *
     * @throws IOException when a file cannot be read (what was read before is still published and counted)
     */
    public IngestSummary ingest(List<Path> files) throws IOException {
        IngestRun run = new IngestRun(publisher, "cli", progress);
        try {
            for (Path file : files) {
                ingest(file, run);
            }
        } finally {
            run.finish();
        }
        return run.summary();
    }

    private void ingest(Path file, IngestRun run) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                byte[] raw = line.getBytes(StandardCharsets.UTF_8);
                Decoded<Event> decoded = Codecs.events().decode(raw);
                if (decoded.accepted()) {
                    run.event(decoded.value());
                } else {
                    Rejection r = decoded.rejection();
                    String where = file.getFileName() + ":" + number;
                    errors.accept(where + ": " + r.reason() + " at " + r.field() + ": " + r.detail());
                    run.rejected(raw, r, "cli:" + where);
                }
            }
        }
    }
}
