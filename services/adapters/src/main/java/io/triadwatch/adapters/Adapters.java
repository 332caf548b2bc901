package io.triadwatch.adapters;

import io.triadwatch.adapters.gdelt.GdeltAdapter;
import io.triadwatch.adapters.icews.IcewsAdapter;
import io.triadwatch.adapters.un.UnscVetoesAdapter;
import io.triadwatch.adapters.un.UnscVotesAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The adapters by format name, as {@code --format} takes them: {@code gdelt}, {@code icews},
 * {@code unsc-votes}, {@code unsc-vetoes}. Each has its default settings.
 */
public final class Adapters {
    private static final Map<String, EventAdapter> BY_FORMAT;

    static {
        Map<String, EventAdapter> map = new LinkedHashMap<>();
        for (EventAdapter adapter : new EventAdapter[] {new GdeltAdapter(), new IcewsAdapter(), new UnscVotesAdapter(), new UnscVetoesAdapter()}) {
            map.put(adapter.format(), adapter);
        }
        BY_FORMAT = java.util.Collections.unmodifiableMap(map);
    }

    private Adapters() {
    }

    /** @return the format names, in a stable order */
    public static Set<String> formats() {
        return BY_FORMAT.keySet();
    }

    /** @return the adapter of {@code format}, or empty when there is none */
    public static Optional<EventAdapter> find(String format) {
        return Optional.ofNullable(format == null ? null : BY_FORMAT.get(format));
    }

    /**
     * @return the adapter of {@code format}
     * @throws IllegalArgumentException naming the known formats when there is none
     */
    public static EventAdapter forFormat(String format) {
        return find(format).orElseThrow(() -> new IllegalArgumentException("unknown format '" + format + "': expected one of " + formats()));
    }
}
