package io.triadwatch.model;

import java.util.regex.Pattern;

/**
 * Who led a visiting delegation. Rank fields left out are looked up in the officials registry as
 * of the visit date.
 *
 * @param head       the head's name, required
 * @param officialId registry id of the head, optional
 * @param title      office held at the time, optional
 * @param tier       protocol tier, optional
 * @param rank       order in the hierarchy (1 = highest), optional
 * @param rankOf     size of the ranked body, optional; at least {@code rank}
 */
public record Delegation(String head, String officialId, String title, Tier tier, Integer rank, Integer rankOf) {
    // Compiled once: these checks run for every event decoded.
    private static final Pattern OFFICIAL_ID = Pattern.compile("[a-z0-9-]{1,128}");

    public Delegation {
        EventFields.text(head, "$.delegation.head", true);
        EventFields.text(title, "$.delegation.title", false);
        if (officialId != null && !OFFICIAL_ID.matcher(officialId).matches()) {
            throw new InvalidFieldException("$.delegation.officialId", "must match [a-z0-9-]+, got '" + officialId + "'");
        }
        Rank.check(rank, rankOf, "$.delegation");
    }
}
