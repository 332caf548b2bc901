package io.triadwatch.launcher.demo;

import io.triadwatch.ingest.publish.EventPublisher;
import io.triadwatch.ingest.publish.IngestRun;
import io.triadwatch.ingest.publish.IngestSummary;
import io.triadwatch.ingest.reference.ReferencePublisher;
import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import io.triadwatch.serde.ValidatingCodec;
import io.triadwatch.launcher.replay.TopicDump;
import io.triadwatch.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * Publishes the reference data (officials, triads, then {@code rules}) and the timeline, leaving
     * out what the cluster already holds: reference records whose key already has that very value,
     * and timeline events whose id is already a key of the events topic (an earlier run on the same
     * {@code --data-dir}, or one stopped half-way). What it left out is said in one line.
     *
     * @param rules   alert-rule lines to publish, possibly empty
     * @param barrier run after each event; a no-op publishes in one burst (the demo: the live analyzer's
     *                event-time ordering applies the timeline in its order), a wait for the analyzer paces it
     * @return the ingest summary of the events published now
     */
    public static IngestSummary publish(Map<String, Object> kafka, EventPublisher publisher, List<String> rules, Runnable barrier,
                                        Consumer<String> log) {
        TopicDump published = new TopicDump(kafka);
        publishReference(kafka, published, rules, log);
        List<Event> timeline = new ArrayList<>();
        for (String line : lines(EVENTS)) {
            Decoded<Event> decoded = Codecs.events().decode(line.getBytes(StandardCharsets.UTF_8));
            if (!decoded.accepted()) {
                throw new IllegalStateException("demo timeline line is invalid: " + decoded.rejection());
            }
            timeline.add(decoded.value());
        }
        Set<String> there = published.keys(Topics.EVENTS.name());
        List<Event> missing = timeline.stream().filter(e -> !there.contains(e.id())).toList();
        if (missing.isEmpty()) {
            log.accept("demo timeline: all " + timeline.size() + " events are already on " + Topics.EVENTS.name()
                    + " from an earlier run; nothing republished");
        } else if (missing.size() < timeline.size()) {
            log.accept("demo timeline: " + (timeline.size() - missing.size()) + " of " + timeline.size()
                    + " events already published by an earlier run; publishing the other " + missing.size());
        }
        IngestRun run = new IngestRun(publisher, "demo", log).pacedBy(1, barrier);
        missing.forEach(run::event);
        return run.finish();
    }

    private static void publishReference(Map<String, Object> kafka, TopicDump published, List<String> rules, Consumer<String> log) {
        List<String> officials = unpublished(lines(OFFICIALS), Codecs.officials(), published.latestValues(Topics.OFFICIALS.name()).values());
        List<String> triads = unpublished(lines(TRIADS), Codecs.triads(), published.latestValues(Topics.TRIADS.name()).values());
        List<String> newRules = unpublished(rules, Codecs.rules(), published.latestValues(Topics.RULES.name()).values());
        int kept = lines(OFFICIALS).size() + lines(TRIADS).size() + rules.size() - officials.size() - triads.size() - newRules.size();
        try (ReferencePublisher reference = new ReferencePublisher(kafka)) {
            int officialCount = officials.isEmpty() ? 0 : reference.officials(officials, OFFICIALS);
            int triadCount = triads.isEmpty() ? 0 : reference.triads(triads, TRIADS);
            int ruleCount = newRules.isEmpty() ? 0 : reference.rules(newRules, "default rules");
            log.accept("reference data: " + officialCount + " official versions, " + triadCount + " triads, " + ruleCount + " alert rules"
                    + (kept == 0 ? "" : " (" + kept + " records already published, unchanged, left out)"));
        }
    }

    /** @return the lines whose record is not already some key's value in {@code existing} (as the publisher writes it) */
    private static <T> List<String> unpublished(List<String> lines, ValidatingCodec<T> codec, Collection<String> existing) {
        Set<String> values = new HashSet<>(existing);
        return lines.stream().filter(line -> {
            Decoded<T> decoded = codec.decode(line.getBytes(StandardCharsets.UTF_8));
            // An invalid line is kept: the publisher refuses it with its line and field.
            return !decoded.accepted() || !values.contains(Json.string(decoded.value()));
        }).toList();
    }
}
