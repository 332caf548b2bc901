package io.triadwatch.alerter.lifecycle;

import io.triadwatch.model.alert.Alert;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one lifecycle step: the entry to store and the records to emit, in order.
 *
 * @param entry   the new entry
 * @param emitted FIRING and RESOLVED records, possibly none
 */
public record Step(LifecycleEntry entry, List<Alert> emitted) {
    public Step {
        Objects.requireNonNull(entry, "entry");
        emitted = List.copyOf(emitted);
    }

    static Step of(LifecycleEntry entry) {
        return new Step(entry, List.of());
    }
}
