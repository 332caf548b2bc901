package io.triadwatch.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON results file of a JMH run ({@code -rf json}). */
final class JmhResults {
    private JmhResults() {
    }

    /**
     * One benchmark's result.
     *
     * @param benchmark  the short name, e.g. {@code ParseValidateBenchmark.decode}
     * @param score      ops/s
     * @param error      the 99.9% confidence half-width, NaN with too few iterations
     * @param unit       the score's unit
     * @param iterations measurement iterations
     * @param forks      forks
     */
    record Result(String benchmark, double score, double error, String unit, int iterations, int forks) {
        /** @return microseconds per operation for a throughput in ops/s */
        double microsPerOp() {
            return score <= 0 ? Double.NaN : 1e6 / score;
        }
    }

    static List<Result> read(Path file) throws IOException {
        List<Result> out = new ArrayList<>();
        for (JsonNode b : Json.mapper().readTree(Files.readAllBytes(file))) {
            String name = b.path("benchmark").asText();
            String[] parts = name.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
            JsonNode metric = b.path("primaryMetric");
            double error = metric.path("scoreError").isNumber() ? metric.path("scoreError").asDouble() : Double.NaN;
            out.add(new Result(shortName, metric.path("score").asDouble(), error, metric.path("scoreUnit").asText(),
                    b.path("measurementIterations").asInt(), b.path("forks").asInt()));
        }
        return out;
    }

    /** @return the result named {@code shortName}, or null */
    static Result find(List<Result> results, String shortName) {
        return results.stream().filter(r -> r.benchmark().equals(shortName)).findFirst().orElse(null);
    }
}
