package io.triadwatch.launcher.demo;

import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.ingest.reference.ReferencePublisher;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The built-in demo: the seed article's timeline, its officials registry and the watched triads,
 * shipped as JSONL resources under {@code demo/} (see demo/README.md for sources and date choices).
 */
public final class DemoData {
    /** Resource of the demo events. */
    public static final String EVENTS = "demo/events.jsonl";
    /** Resource of the officials registry. */
    public static final String OFFICIALS = "demo/officials.jsonl";
    /** Resource of the watched triads. */
    public static final String TRIADS = "demo/triads.jsonl";

    private DemoData() {
    }

    /** @return the lines of a classpath resource */
    public static List<String> lines(String resource) {
        InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource + ": the jar is incomplete");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Publishes the reference data (officials, triads, then {@code rules}) and the timeline.
     *
     * @param rules   alert-rule lines to publish, possibly empty
     * @param barrier run after each event: the demo waits for the analyzer, so the timeline is applied
     *                in its order (see {@code Replay}); a no-op publishes in one burst
     * @return the timeline's ingest summary
     */
    public static IngestSummary publish(Map<String, Object> kafka, EventPublisher publisher, List<String> rules, Runnable barrier,
                                        Consumer<String> log) {
        try (ReferencePublisher reference = new ReferencePublisher(kafka)) {
            int officials = reference.officials(lines(OFFICIALS), OFFICIALS);
            int triads = reference.triads(lines(TRIADS), TRIADS);
            int ruleCount = rules.isEmpty() ? 0 : reference.rules(rules, "default rules");
            log.accept("reference data: " + officials + " official versions, " + triads + " triads, " + ruleCount + " alert rules");
        }
        IngestRun run = new IngestRun(publisher, "demo", log).pacedBy(1, barrier);
        for (String line : lines(EVENTS)) {
            Decoded<Event> decoded = Codecs.events().decode(line.getBytes(StandardCharsets.UTF_8));
            if (!decoded.accepted()) {
                throw new IllegalStateException("demo timeline line is invalid: " + decoded.rejection());
            }
            run.event(decoded.value());
        }
        return run.finish();
    }
}
