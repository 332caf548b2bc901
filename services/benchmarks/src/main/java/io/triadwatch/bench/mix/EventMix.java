package io.triadwatch.bench.mix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.Adapters;
import io.triadwatch.adapters.EventAdapter;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.model.Event;
import io.triadwatch.model.EventKind;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The benchmark's event mix: real events from the demo timeline and from the adapters run over the
 * shared real files (GDELT, ICEWS, UN Security Council votes and vetoes), grouped by source, each
 * source with a weight (its share of the generated stream).
 * <p>
 * Real-world rates would make the stream almost only GDELT/ICEWS coded events (thousands a day)
 * with a UN vote every few days; the default weights keep coded events dominant (94%) but give the
 * curated kinds (5%) and UN votes (1%) enough presence to be exercised. ICEWS outweighs GDELT
 * because its sample holds 1,741 usable events over 273 country pairs, the GDELT samples only 35
 * over 25 pairs: ICEWS gives the realistic spread of dyads. A UN vote names up to 15 voters and
 * so moves up to 105 dyads at once, so its weight matters most: the driver reports the resulting
 * dyad impulses per event next to every throughput figure.
 * <p>
 * Immutable once loaded.
 */
public final class EventMix {
    /** Default weights, in percent of generated events, by source. */
    public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();

    private final List<Source> sources;

    /**
     * The templates of one source and its weight.
     *
     * @param name      {@code demo}, {@code gdelt}, {@code icews}, {@code unsc-votes} or {@code unsc-vetoes}
     * @param weight    share of the stream, relative to the other sources' weights
     * @param templates the real events, in input order
     * @param note      how they were obtained (files, adapter summary)
     */
    public record Source(String name, double weight, List<EventTemplate> templates, String note) {
        public Source {
            templates = List.copyOf(templates);
        }
    }

    private EventMix(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new IllegalStateException("the event mix is empty");
        }
        this.sources = List.copyOf(sources);
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("icews", 64.0);
        w.put("gdelt", 30.0);
        w.put("demo", 5.0);
        w.put("unsc-votes", 0.8);
        w.put("unsc-vetoes", 0.2);
        return java.util.Collections.unmodifiableMap(w);
    }

    /**
     * Parses {@code icews=64,gdelt=30,...}; sources left out get weight 0.
     *
     * @throws IllegalArgumentException on an unknown source or a bad number
     */
    public static Map<String, Double> parseWeights(String spec) {
        Map<String, Double> w = new LinkedHashMap<>();
        DEFAULT_WEIGHTS.keySet().forEach(k -> w.put(k, 0.0));
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !w.containsKey(kv[0].trim())) {
                throw new IllegalArgumentException("bad mix entry '" + part + "': expected SOURCE=WEIGHT with SOURCE one of " + w.keySet());
            }
            double value = Double.parseDouble(kv[1].trim());
            if (!(value >= 0)) {
                throw new IllegalArgumentException("weight of " + kv[0] + " must be >= 0, got " + value);
            }
            w.put(kv[0].trim(), value);
        }
        return w;
    }

    /**
     * Loads every source with a positive weight. A source whose files are missing is left out with a
     * note on {@code log}; the remaining weights then share the stream.
     *
     * @param sharedData the shared real-data directory ({@code ../shared/data}), or null for the demo only
     * @param weights    weight by source name
     * @param log        receives one line per source
     */
    public static EventMix load(Path sharedData, Map<String, Double> weights, Consumer<String> log) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (w.getValue() <= 0) {
                continue;
            }
            Source source = w.getKey().equals("demo") ? demo(w.getValue()) : adapted(sharedData, w.getKey(), w.getValue());
            if (source.templates().isEmpty()) {
                log.accept("mix: source " + w.getKey() + " left out: " + source.note());
            } else {
                log.accept(String.format(Locale.ROOT, "mix: %-11s weight %5.1f  %,6d real events  (%s)", source.name(), source.weight(),
                        source.templates().size(), source.note()));
                sources.add(source);
            }
        }
        return new EventMix(sources);
    }

    private static Source demo(double weight) {
        List<EventTemplate> templates = new ArrayList<>();
        for (String line : DemoData.lines(DemoData.EVENTS)) {
            Decoded<Event> decoded = Codecs.events().decode(line.getBytes(StandardCharsets.UTF_8));
            if (!decoded.accepted()) {
                throw new IllegalStateException("demo event is invalid: " + decoded.rejection());
            }
            templates.add(EventTemplate.of("demo", (ObjectNode) tree(line.getBytes(StandardCharsets.UTF_8))));
        }
        return new Source("demo", weight, templates, "the seed timeline, " + DemoData.EVENTS);
    }

    private static Source adapted(Path sharedData, String format, double weight) throws IOException {
        if (sharedData == null || !Files.isDirectory(sharedData)) {
            return new Source(format, weight, List.of(), "no shared data directory");
        }
        EventAdapter adapter = Adapters.find(format).orElse(null);
        if (adapter == null) {
            return new Source(format, weight, List.of(), "no adapter for format " + format);
        }
        List<Path> files = files(sharedData, format);
        if (files.isEmpty()) {
            return new Source(format, weight, List.of(), "no " + format + " file under " + sharedData);
        }
        List<EventTemplate> templates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            int before = templates.size();
            try (AdapterRun run = adapter.open(file)) {
                while (run.hasNext()) {
                    if (run.next() instanceof AdapterItem.Produced produced) {
                        templates.add(EventTemplate.of(format, (ObjectNode) tree(Json.bytes(produced.event()))));
                    }
                }
                notes.add(file.getFileName() + ": " + (templates.size() - before) + " of " + run.summary().read() + " records");
            }
        }
        return new Source(format, weight, templates, String.join("; ", notes));
    }

    private static List<Path> files(Path dir, String format) throws IOException {
        String sub;
        String glob;
        switch (format) {
            case "gdelt" -> { sub = "gdelt"; glob = "*.export.CSV"; }
            case "icews" -> { sub = "icews"; glob = "*.tab"; }
            case "unsc-votes" -> { sub = "un"; glob = "unsc-votes-*.csv"; }
            case "unsc-vetoes" -> { sub = "un"; glob = "unsc-vetoes-*.csv"; }
            default -> throw new IllegalArgumentException("unknown source " + format);
        }
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir.resolve(sub))) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.resolve(sub), glob)) {
            stream.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable event JSON", e);
        }
    }

    /**
     * The same mix with each source cut to its first {@code perSource} events: cycling a bounded set of
     * real events keeps the set of country pairs fixed once every source has gone round, which is what a
     * soak needs to tell state that drifts from state that is still filling with new keys.
     *
     * @param perSource events kept per source, at least 1
     * @return a new mix with the same weights
     * @throws IllegalArgumentException when {@code perSource} is below 1
     */
    public EventMix limitedTo(int perSource) {
        if (perSource < 1) {
            throw new IllegalArgumentException("events per source must be at least 1, got " + perSource);
        }
        return new EventMix(sources.stream()
                .map(s -> new Source(s.name(), s.weight(), s.templates().subList(0, Math.min(perSource, s.templates().size())), s.note()))
                .toList());
    }

    /** @return the loaded sources with a positive weight and at least one event */
    public List<Source> sources() {
        return sources;
    }

    /** @return every template of every source, sources in order */
    public List<EventTemplate> allTemplates() {
        List<EventTemplate> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.templates()));
        return all;
    }

    /** @return the expected share of each event kind in the generated stream, 0..1 */
    public Map<EventKind, Double> kindShares() {
        double total = sources.stream().mapToDouble(Source::weight).sum();
        Map<EventKind, Double> shares = new EnumMap<>(EventKind.class);
        for (Source s : sources) {
            Map<EventKind, Integer> counts = new TreeMap<>();
            s.templates().forEach(t -> counts.merge(t.kind(), 1, Integer::sum));
            counts.forEach((kind, n) -> shares.merge(kind, s.weight() / total * n / s.templates().size(), Double::sum));
        }
        return shares;
    }
}
