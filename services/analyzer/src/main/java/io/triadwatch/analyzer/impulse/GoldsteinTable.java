package io.triadwatch.analyzer.impulse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The CAMEO event code → Goldstein value table (Goldstein 1992, as tabulated in the GDELT
 * codebook), loaded from the real table shipped in the analyzer's resources.
 * <p>
 * Codes are strings: leading zeros matter ({@code 0256} is not {@code 256}). Immutable and
 * thread-safe.
 */
public final class GoldsteinTable {
    private final Map<String, Double> values;

    private GoldsteinTable(Map<String, Double> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Reads a tab-separated table with a header row: code, value.
     *
     * @throws IllegalArgumentException naming the line when a value is not a number in −10..10
     */
    public static GoldsteinTable read(InputStream in, String name) {
        Map<String, Double> values = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length < 2) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'code<TAB>value', got '" + line + "'");
                }
                double value;
                try {
                    value = Double.parseDouble(cells[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": value '" + cells[1] + "' is not a number", e);
                }
                if (value < -10 || value > 10) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": value " + value + " is outside -10..10");
                }
                values.put(cells[0].trim(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return new GoldsteinTable(values);
    }

    /**
     * The Goldstein value of {@code cameo}: the code's own value, else its nearest parent's
     * ({@code 0259} → {@code 025} → {@code 02}), since CAMEO is a hierarchy.
     *
     * @return the value, or empty when neither the code nor a parent is in the table
     */
    public OptionalDouble valueOf(String cameo) {
        for (String code = cameo; code != null && code.length() >= 2; code = code.substring(0, code.length() - 1)) {
            Double value = values.get(code);
            if (value != null) {
                return OptionalDouble.of(value);
            }
        }
        return OptionalDouble.empty();
    }

    /** @return how many codes the table holds */
    public int size() {
        return values.size();
    }
}
