package io.triadwatch.alerter.rules;

import io.triadwatch.model.AlertRule;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules shipped for the demo, as data: {@value #RESOURCE}, one rule JSON per line, each
 * documented by its {@code description}. The launcher publishes them to the rules topic (key = id);
 * from then on they are edited there like any other rule.
 * <table>
 *   <caption>Default rules</caption>
 *   <tr><th>id</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code dyad-shift-rank-or-vote}</td><td>DYAD_SHIFT</td><td>|Δscore| ≥ 0.25 within P90D, counting only
 *       moves triggered by {@code UN_VOTE} (rank drops are the rank-drop rule's: a low-ranked visit still adds a
 *       positive impulse; the id keeps its old name so fingerprints stay); hysteresis 0.05, keepFiringFor P7D</td></tr>
 *   <tr><td>{@code rank-drop}</td><td>RANK_DROP</td><td>a visit 0.05 or more below its occasion baseline</td></tr>
 *   <tr><td>{@code rank-rise}</td><td>RANK_RISE</td><td>a visit 0.05 or more above its occasion baseline</td></tr>
 *   <tr><td>{@code vote-split}</td><td>VOTE_SPLIT</td><td>a pair agreeing on ≥ 75% of ≥ 3 earlier drafts splits</td></tr>
 *   <tr><td>{@code triad-balance-flip}</td><td>TRIAD_BALANCE_FLIP</td><td>balance changed, pending P7D</td></tr>
 *   <tr><td>{@code pivot-change}</td><td>PIVOT_CHANGE</td><td>computed pivot changed, pending P30D</td></tr>
 * </table>
 */
public final class DefaultRules {
    /** The class-path resource holding the rules. */
    public static final String RESOURCE = "triadwatch/alerter/default-rules.jsonl";

    private DefaultRules() {
    }

    /**
     * @return the default rules in file order, each validated like a record on the rules topic
     * @throws IllegalStateException when the shipped file is missing or a line is invalid (a build defect)
     */
    public static List<AlertRule> load() {
        List<AlertRule> rules = new ArrayList<>();
        json().forEach((id, line) -> rules.add(decode(line)));
        return List.copyOf(rules);
    }

    /**
     * The rules as the exact JSON lines of the file, keyed by rule id in file order: what a publisher
     * writes to the rules topic (serializing {@link AlertRule} again is not needed).
     *
     * @return rule id → rule JSON
     * @throws IllegalStateException when the shipped file is missing or a line is invalid
     */
    public static Map<String, String> json() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = DefaultRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default rules resource " + RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                AlertRule rule = decode(line, number);
                if (out.put(rule.id(), line) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": rule id " + rule.id() + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return out;
    }

    private static AlertRule decode(String line) {
        return decode(line, 0);
    }

    private static AlertRule decode(String line, int number) {
        Decoded<AlertRule> decoded = Codecs.rules().decode(line.getBytes(StandardCharsets.UTF_8));
        if (!decoded.accepted()) {
            throw new IllegalStateException(RESOURCE + ":" + number + ": invalid rule (" + decoded.rejection().reason() + " at "
                    + decoded.rejection().field() + "): " + decoded.rejection().detail());
        }
        return decoded.value();
    }
}
