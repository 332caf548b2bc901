package io.triadwatch.analyzer.impulse;

import io.triadwatch.model.Delegation;
import io.triadwatch.model.Official;
import io.triadwatch.model.Tier;
import java.time.Instant;
import java.util.Optional;

/**
 * Resolves a delegation head's tier and rank: what the event gives inline wins, field by field;
 * the officials registry, as of the event time, fills in the rest. A registry rank is used only
 * when the registry's tier is the tier in force (a rank is an order inside one body).
 */
public final class ProtocolRanks {
    private ProtocolRanks() {
    }

    /**
     * @param guest the delegation's country, for the by-name registry match
     * @return the head's standing, or empty when no tier is known (inline or in the registry)
     */
    public static Optional<ResolvedRank> resolve(Delegation delegation, String guest, Instant at, OfficialsLookup registry, ImpulseTable table) {
        if (delegation.tier() != null && delegation.rank() != null && delegation.rankOf() != null) {
            return Optional.of(rank(delegation.tier(), delegation.rank(), delegation.rankOf(), ResolvedRank.INLINE, null, table));
        }
        Official official = registry.asOf(delegation.officialId(), delegation.head(), guest, at).orElse(null);
        Tier tier = delegation.tier() != null ? delegation.tier() : official == null ? null : official.tier();
        if (tier == null) {
            return Optional.empty();
        }
        boolean registryRankApplies = official != null && official.tier() == tier;
        Integer rank = delegation.rank() != null ? delegation.rank() : registryRankApplies ? official.rank() : null;
        Integer rankOf = delegation.rankOf() != null ? delegation.rankOf() : registryRankApplies ? official.rankOf() : null;
        if (rank != null && rankOf != null && rank > rankOf) {
            rankOf = null;
        }
        boolean usedRegistry = official != null && (delegation.tier() == null
                || (delegation.rank() == null && rank != null) || (delegation.rankOf() == null && rankOf != null));
        String source = rank == null || rankOf == null ? ResolvedRank.TIER_ONLY : usedRegistry ? ResolvedRank.REGISTRY : ResolvedRank.INLINE;
        return Optional.of(rank(tier, rank, rankOf, source, usedRegistry ? official.versionKey() : null, table));
    }

    private static ResolvedRank rank(Tier tier, Integer rank, Integer rankOf, String source, String registryKey, ImpulseTable table) {
        return new ResolvedRank(tier, rank, rankOf, source, table.protocolWeight(tier, rank, rankOf), registryKey);
    }
}
