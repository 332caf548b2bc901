package io.triadwatch.analyzer.impulse;

import io.triadwatch.model.Tier;

/**
 * A delegation head's protocol standing as the analyzer used it.
 *
 * @param tier        the tier
 * @param rank        order in the hierarchy, or null
 * @param rankOf      size of the ranked body, or null
 * @param source      {@code INLINE} (the event gave tier and rank), {@code REGISTRY} (some came from
 *                    the officials registry as of the event time) or {@code TIER_ONLY} (no usable
 *                    rank: the tier's midpoint weight)
 * @param weight      protocol weight 0..1
 * @param registryKey the registry version used ({@code id@validFrom}), or null
 */
public record ResolvedRank(Tier tier, Integer rank, Integer rankOf, String source, double weight, String registryKey) {
    /** The event gave tier and rank. */
    public static final String INLINE = "INLINE";
    /** The registry supplied what the event left out. */
    public static final String REGISTRY = "REGISTRY";
    /** No usable rank: the tier's midpoint. */
    public static final String TIER_ONLY = "TIER_ONLY";

    /** @return e.g. {@code LEADERSHIP 24/25}, or {@code LEADERSHIP} without a rank */
    public String label() {
        return rank != null && rankOf != null ? tier + " " + rank + "/" + rankOf : tier.name();
    }
}
