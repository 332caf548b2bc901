package io.triadwatch.ingest.file;

import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads canonical events, one JSON object per line, into an {@link IngestRun}. Blank lines are
 * ignored. An event outside the run's event-time window is a bad line ({@code OUT_OF_RANGE}). Each bad line is reported as {@code NAME:LINE: REASON at FIELD: detail} and sent to the
 * DLQ with the source {@code CHANNEL:NAME:LINE}; the reading goes on.
 */
public final class JsonlSource {
    private JsonlSource() {
    }

    /**
     * @param reader the lines
     * @param name   the input's name in messages (a file name)
     * @param errors receives one line per rejected input
     */
    public static void feed(BufferedReader reader, String name, IngestRun run, Consumer<String> errors) throws IOException {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            byte[] raw = line.getBytes(StandardCharsets.UTF_8);
            Decoded<Event> decoded = run.admit(Codecs.events().decode(raw));
            if (decoded.accepted()) {
                run.event(decoded.value());
            } else {
                Rejection r = decoded.rejection();
                String where = name + ":" + number;
                errors.accept(where + ": " + r.reason() + " at " + r.field() + ": " + r.detail());
                run.rejected(raw, r, run.channel() + ":" + where);
            }
        }
    }
}
