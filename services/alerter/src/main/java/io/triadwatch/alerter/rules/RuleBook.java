package io.triadwatch.alerter.rules;

import io.triadwatch.model.AlertRule;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rules global store ({@code alerter-rules-store}: rule id → the rule's accepted JSON).
 * Parsed rules are cached by their bytes, so an edit on the rules topic is seen on the next read.
 * One instance per processor (not thread-safe).
 */
public final class RuleBook {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final Map<String, Parsed> cache = new HashMap<>();

    /** @param store the rules store */
    public RuleBook(ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /**
     * @param types   the rule types wanted
     * @param subject the dyad or triad
     * @return the enabled rules of those types whose scope covers the subject, by rule id
     */
    public List<AlertRule> applicable(Set<AlertRule.Type> types, String subject) {
        List<AlertRule> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                AlertRule rule = parse(next.key, next.value);
                if (rule != null && rule.enabled() && types.contains(rule.type()) && RuleScope.covers(rule, subject)) {
                    out.add(rule);
                }
            }
        }
        return out;
    }

    /** @return the rule with this id, enabled or not, or null when there is none */
    public AlertRule get(String id) {
        return parse(id, store.get(id));
    }

    /**
     * Why the rule no longer applies to an entry of {@code type} on {@code subject}, or null when it does.
     *
     * @param rule    the current rule, or null when deleted
     * @param id      the rule id
     * @param type    the type the entry was opened under
     * @param subject the subject
     * @return the reason in words, or null
     */
    public static String whyNotApplicable(AlertRule rule, String id, AlertRule.Type type, String subject) {
        if (rule == null) {
            return "rule " + id + " was deleted";
        }
        if (!rule.enabled()) {
            return "rule " + id + " was disabled";
        }
        if (rule.type() != type) {
            return "rule " + id + " changed type from " + type + " to " + rule.type();
        }
        if (!RuleScope.covers(rule, subject)) {
            return "rule " + id + " no longer covers " + subject;
        }
        return null;
    }

    private AlertRule parse(String id, byte[] raw) {
        if (raw == null) {
            cache.remove(id);
            return null;
        }
        Parsed cached = cache.get(id);
        if (cached != null && Arrays.equals(cached.raw, raw)) {
            return cached.rule;
        }
        try {
            AlertRule rule = Json.mapper().readValue(raw, AlertRule.class);
            cache.put(id, new Parsed(raw, rule));
            return rule;
        } catch (IOException | RuntimeException e) {
            // The store only holds JSON the validating codec accepted; this is a bug, not bad input.
            LOG.error("rule {} in the rules store cannot be read; ignoring it", id, e);
            return null;
        }
    }

    private record Parsed(byte[] raw, AlertRule rule) {
    }
}
