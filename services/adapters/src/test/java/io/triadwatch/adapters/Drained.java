package io.triadwatch.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything one run produced, read to the end. Every event is checked against the full v1
 * contract on the way: JSON Schema and record rules through {@code Codecs.events()}, and the
 * decoded value must equal the produced one (nothing lost in the JSON).
 *
 * @param produced the produced items in order
 * @param skipped  the skipped items in order
 * @param summary  the run's summary
 * @param reports  the progress reports received
 */
public record Drained(List<AdapterItem.Produced> produced, List<AdapterItem.Skipped> skipped, AdapterSummary summary,
                      List<AdapterProgress> reports) {

    /** Runs {@code adapter} over {@code file} to the end. */
    public static Drained of(EventAdapter adapter, Path file) throws IOException {
        return of(adapter, file, ProgressListener.DEFAULT_INTERVAL);
    }

    /** Runs {@code adapter} over {@code file} to the end, with progress every {@code interval} records. */
    public static Drained of(EventAdapter adapter, Path file, long interval) throws IOException {
        List<AdapterProgress> reports = new ArrayList<>();
        try (AdapterRun run = adapter.open(file, ProgressListener.every(interval, reports::add))) {
            return drain(run, reports);
        }
    }

    /** Reads {@code run} to the end. */
    public static Drained drain(AdapterRun run, List<AdapterProgress> reports) {
        List<AdapterItem.Produced> produced = new ArrayList<>();
        List<AdapterItem.Skipped> skipped = new ArrayList<>();
        while (run.hasNext()) {
            AdapterItem item = run.next();
            if (item instanceof AdapterItem.Produced p) {
                Decoded<Event> decoded = Codecs.events().decode(Json.bytes(p.event()));
                assertThat(decoded.rejection()).as("contract check of %s (line %d)", p.event().id(), p.line()).isNull();
                assertThat(decoded.value()).isEqualTo(p.event());
                produced.add(p);
            } else if (item instanceof AdapterItem.Skipped s) {
                skipped.add(s);
            }
        }
        return new Drained(List.copyOf(produced), List.copyOf(skipped), run.summary(), List.copyOf(reports));
    }

    /** @return the events in order */
    public List<Event> events() {
        return produced.stream().map(AdapterItem.Produced::event).toList();
    }

    /** @return the events by id, cast to {@code type} */
    public <T extends Event> Map<String, T> byId(Class<T> type) {
        return events().stream().map(type::cast).collect(Collectors.toMap(Event::id, Function.identity()));
    }

    /** @return the lines of the skipped records with {@code reason} */
    public List<Long> skippedLines(SkipReason reason) {
        return skipped.stream().filter(s -> s.reason() == reason).map(AdapterItem.Skipped::line).toList();
    }
}
