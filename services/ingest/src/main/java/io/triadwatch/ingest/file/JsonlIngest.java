package io.triadwatch.ingest.file;

import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes files of canonical events, one JSON object per line (see {@link JsonlSource}), as the
 * {@code cli} channel: a bad line is reported, dead-lettered with source {@code cli:FILE:LINE}, and
 * the run goes on.
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
            JsonlSource.feed(reader, file.getFileName().toString(), run, errors);
        }
    }
}
