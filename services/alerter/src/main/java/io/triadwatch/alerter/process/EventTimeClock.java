package io.triadwatch.alerter.process;

import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's event time: the largest {@code asOf} it has processed, kept in its clock store so that it
 * survives a restart. It never goes back.
 */
final class EventTimeClock {
    private static final String WATERMARK = "watermark";

    private final KeyValueStore<String, Long> store;

    /** @param store the task's clock store */
    EventTimeClock(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** Moves event time forward to {@code t} (never back). @return the event time now */
    Instant advanceTo(Instant t) {
        Long stored = store.get(WATERMARK);
        long watermark = stored == null ? t.toEpochMilli() : Math.max(stored, t.toEpochMilli());
        if (stored == null || watermark != stored) {
            store.put(WATERMARK, watermark);
        }
        return Instant.ofEpochMilli(watermark);
    }

    /** @return the event time, or null before the first state */
    Instant now() {
        Long stored = store.get(WATERMARK);
        return stored == null ? null : Instant.ofEpochMilli(stored);
    }
}
