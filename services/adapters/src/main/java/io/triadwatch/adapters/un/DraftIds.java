package io.triadwatch.adapters.un;

import java.util.HashMap;
import java.util.Map;

/**
 * Event ids of UN votes: {@code unsc:} and the draft symbol with {@code /} as {@code -}
 * ({@code S/2024/255} is {@code unsc:S-2024-255}), the same in every UN adapter, so that one vote
 * read from both the votes and the vetoes file is one event to the idempotent producer.
 * <p>
 * A symbol met again in the same input for a different vote (the vetoes file lists several vetoes
 * cast at one meeting under the meeting record {@code S/PV.49}; the votes file reuses
 * {@code S/2025/270} for two votes three weeks apart) gets {@code :2}, {@code :3}... so that no
 * vote is lost. This remembers one counter per symbol: the Council has held a few thousand votes in
 * its history, so the map stays small.
 */
final class DraftIds {
    private final Map<String, Integer> seen = new HashMap<>();

    /** @return the event id of the next vote on {@code draft} in this input */
    String next(String draft) {
        String base = "unsc:" + draft.replace('/', '-').replaceAll("[^A-Za-z0-9._:-]", "-");
        int n = seen.merge(draft, 1, Integer::sum);
        return n == 1 ? base : base + ":" + n;
    }
}
