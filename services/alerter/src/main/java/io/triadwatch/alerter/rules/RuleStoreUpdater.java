package io.triadwatch.alerter.rules;

import io.triadwatch.alerter.AlerterMetrics;
import io.triadwatch.model.AlertRule;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rules global store in step with the rules topic. Every value is decoded with
 * {@link Codecs#rules()} (schema and record checks); an accepted rule is stored as the JSON it came
 * as, a tombstone deletes the rule, and a record that fails (bad JSON, schema, a key that is not the
 * rule's id) is logged and counted and changes nothing: the previous version of that rule, if any,
 * stays in force, so a typo in an edit never silently disables an alert. Nothing here throws. A rule
 * is logged once when it is first loaded and once per change; republishing it unchanged logs nothing
 * at INFO.
 */
public final class RuleStoreUpdater implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleStoreUpdater.class);

    private final String storeName;
    private final AlerterMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    /**
     * @param storeName the global rules store
     * @param metrics   where accepted and rejected rules are counted
     */
    public RuleStoreUpdater(String storeName, AlerterMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            reject(null, "NULL_KEY", "$", "a rule record needs the rule id as its key");
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            LOG.info("rule {} deleted", key);
            return;
        }
        Decoded<AlertRule> decoded;
        try {
            decoded = Codecs.rules().decode(record.value());
        } catch (RuntimeException e) {
            LOG.error("rule record {} could not be decoded", key, e);
            reject(key, "ERROR", "$", String.valueOf(e.getMessage()));
            return;
        }
        if (!decoded.accepted()) {
            reject(key, decoded.rejection().reason().name(), decoded.rejection().field(), decoded.rejection().detail());
            return;
        }
        AlertRule rule = decoded.value();
        if (!key.equals(rule.id())) {
            reject(key, "KEY_MISMATCH", "$.id", "the record key '" + key + "' is not the rule id '" + rule.id() + "'");
            return;
        }
        byte[] previous = store.get(key);
        store.put(key, record.value());
        metrics.ruleAccepted();
        // Once per change: a rule republished unchanged (a demo restart, a restore replaying the topic) is not news.
        if (previous == null) {
            LOG.info("rule {} ({}) loaded{}", key, rule.type(), rule.enabled() ? "" : ", disabled");
        } else if (!sameRule(previous, rule)) {
            LOG.info("rule {} ({}) changed{}", key, rule.type(), rule.enabled() ? "" : ", disabled");
        } else {
            LOG.debug("rule {} republished unchanged", key);
        }
    }

    private static boolean sameRule(byte[] previous, AlertRule rule) {
        Decoded<AlertRule> before = Codecs.rules().decode(previous);
        return before.accepted() && before.value().equals(rule);
    }

    private void reject(String key, String reason, String field, String detail) {
        metrics.ruleRejected(reason);
        LOG.warn("rule record {} rejected ({} at {}): {}; the previous version, if any, stays in force", key, reason, field, detail);
    }
}
