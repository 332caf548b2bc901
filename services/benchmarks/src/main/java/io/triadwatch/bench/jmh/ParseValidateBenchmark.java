package io.triadwatch.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.bench.mix.EventStream;
import io.triadwatch.model.Event;
import io.triadwatch.schemas.SchemaCatalog;
import io.triadwatch.schemas.SchemaName;
import io.triadwatch.schemas.SchemaViolation;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * Parse + validate one event, as the analyzer's intake and the ingest do for every record:
 * {@code Codecs.events().decode(bytes)} over the benchmark mix (coded GDELT/ICEWS events, the
 * curated kinds of the demo timeline, UN votes and vetoes; see {@link io.triadwatch.bench.mix.EventMix}), and its three steps on their own — JSON
 * parse, JSON Schema validation, binding to the record (whose constructor checks the rest) — to
 * show where the time of a decode goes.
 */
public class ParseValidateBenchmark extends ShortRun {
    private static final int EVENTS = 4096;
    private byte[][] raw;
    private JsonNode[] trees;
    private int next;

    /** Generates the events once per fork. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        EventStream stream = new EventStream(AnalyzerHarness.mix(), 7);
        raw = new byte[EVENTS][];
        trees = new JsonNode[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            raw[i] = stream.next().json();
            trees[i] = Json.mapper().readTree(raw[i]);
            if (!Codecs.events().decode(raw[i]).accepted()) {
                throw new IllegalStateException("generated event is invalid: " + new String(raw[i], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (EVENTS - 1);
        return i;
    }

    /** The whole decode: size, JSON, schema, record. */
    @Benchmark
    public Decoded<Event> decode() {
        return Codecs.events().decode(raw[index()]);
    }

    /** Step 1 alone: Jackson parses the bytes into a tree. */
    @Benchmark
    public JsonNode parseJson() throws IOException {
        return Json.mapper().readTree(raw[index()]);
    }

    /** Step 2 alone: JSON Schema 2020-12 validation of a parsed tree. */
    @Benchmark
    public List<SchemaViolation> validateSchema() {
        return SchemaCatalog.shared().validate(SchemaName.EVENT, trees[index()]);
    }

    /** Step 3 alone: binding a parsed, valid tree to the event record (constructor checks included). */
    @Benchmark
    public Event bindRecord() throws IOException {
        return Json.mapper().treeToValue(trees[index()], Event.class);
    }
}
