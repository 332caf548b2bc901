package io.triadwatch.adapters.cameo;

import io.triadwatch.adapters.input.Inputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CAMEO event code descriptions, from {@code event-codes.tsv} next to this class (see its README
 * for the source). Codes are strings: {@code 036} and {@code 36} are different keys.
 * Immutable and thread-safe; loaded once.
 */
public final class CameoCodes {
    private static final String TABLE = "event-codes.tsv";
    private static final CameoCodes STANDARD = load();

    private final Map<String, String> descriptions;

    private CameoCodes(Map<String, String> descriptions) {
        this.descriptions = Map.copyOf(descriptions);
    }

    /** @return the shared table */
    public static CameoCodes standard() {
        return STANDARD;
    }

    /** @return the description of {@code code}, e.g. {@code Express intent to meet or negotiate} for {@code 036} */
    public Optional<String> description(String code) {
        return Optional.ofNullable(code == null ? null : descriptions.get(code));
    }

    /** @return the number of codes in the table */
    public int size() {
        return descriptions.size();
    }

    private static CameoCodes load() {
        Map<String, String> map = new HashMap<>();
        List<String> lines = Inputs.resourceLines(CameoCodes.class, TABLE);
        for (String line : lines.subList(1, lines.size())) { // after the header CAMEOEVENTCODE, EVENTDESCRIPTION
            int tab = line.indexOf('	');
            if (tab > 0) {
                map.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
            }
        }
        return new CameoCodes(map);
    }
}
