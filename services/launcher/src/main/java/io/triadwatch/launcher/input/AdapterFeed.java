package io.triadwatch.launcher.input;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterRun;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.ingest.publish.IngestRun;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves an adapter's items into an ingest run: produced events are published, skipped records are
 * counted by reason, and records that are broken (not merely out of scope) are reported with their
 * line so the user can look at them.
 */
public final class AdapterFeed {
    /** Skips worth a line to the user: the input is broken there, rather than about something else. */
    private static final Set<SkipReason> REPORTED = Set.of(SkipReason.MALFORMED, SkipReason.INVALID_EVENT, SkipReason.CONFLICTING_VOTE);

    private AdapterFeed() {
    }

    /**
     * @param name   the input's name in messages
     * @param errors receives one line per broken record
     */
    public static void feed(AdapterRun items, String name, IngestRun run, Consumer<String> errors) {
        while (items.hasNext()) {
            AdapterItem item = items.next();
            if (item instanceof AdapterItem.Produced produced) {
                run.event(produced.event());
            } else if (item instanceof AdapterItem.Skipped skipped) {
                run.skipped(skipped.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                if (REPORTED.contains(skipped.reason())) {
                    errors.accept(name + ":" + skipped.line() + ": " + skipped.reason() + ": " + skipped.detail());
                }
            }
        }
    }
}
