package io.triadwatch.bench.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition (what a Triadwatch process serves at {@code /metrics}),
 * enough to sum a meter of a child process over its tags: the benchmark reads the children's meters
 * from outside, as an operator's Prometheus does.
 *
 * @param samples every sample line, in order
 */
public record PrometheusText(List<Sample> samples) {
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public PrometheusText {
        samples = List.copyOf(samples);
    }

    /**
     * One sample.
     *
     * @param name   the metric name, e.g. {@code kafka_stream_task_restore_total}
     * @param labels its labels (escapes left as written)
     * @param value  its value, NaN included
     */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a sample needs a name");
            }
            labels = Map.copyOf(labels);
        }
    }

    /**
     * Parses an exposition; comment lines and blank lines are skipped.
     *
     * @throws IllegalArgumentException on a sample line that is not {@code name[{labels}] value}
     */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            samples.add(sample(l));
        }
        return new PrometheusText(samples);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && brace < space) {
            int close = line.lastIndexOf('}');
            if (close < brace) {
                throw new IllegalArgumentException("unclosed labels: " + line);
            }
            name = line.substring(0, brace);
            Matcher m = LABEL.matcher(line.substring(brace + 1, close));
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            rest = line.substring(close + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        // A timestamp may follow the value; Triadwatch's registry writes none, but the format allows it.
        String value = rest.split("\\s+")[0];
        return new Sample(name, labels, parseValue(value, line));
    }

    private static double parseValue(String value, String line) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a sample value in: " + line, e);
                }
            }
        };
    }

    /** @return the sum of the samples named {@code name} whose labels pass {@code labels}; 0 when there is none */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels())).mapToDouble(Sample::value).sum();
    }

    /** @return how many samples are named {@code name} and pass {@code labels} */
    public long count(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels())).count();
    }
}
