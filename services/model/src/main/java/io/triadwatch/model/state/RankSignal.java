package io.triadwatch.model.state;

import java.util.List;

/**
 * What a delegation visit says against its occasion baseline. Present on a dyad state when the
 * update was caused by a visit.
 *
 * @param eventId        the visit
 * @param series         {@code HOST:GUEST:OCCASION}, e.g. {@code PRK:CHN:PRK_VICTORY_DAY}
 * @param head           who led it
 * @param weight         the head's protocol weight (0..1), from tier and rank as of the visit
 * @param rankLabel      e.g. {@code LEADERSHIP 24/25}
 * @param rankSource     {@code INLINE}, {@code REGISTRY} or {@code TIER_ONLY}
 * @param baselineWeight the baseline (mean weight of the earlier visits), or null when none
 * @param gap            {@code weight - baselineWeight}, or null when no baseline
 * @param direction      {@code DROP}, {@code RISE}, {@code IN_LINE} or {@code NO_BASELINE}
 * @param baselineVisits the earlier visits the baseline is made of, oldest first
 */
public record RankSignal(String eventId, String series, String head, double weight, String rankLabel, String rankSource,
                         Double baselineWeight, Double gap, String direction, List<BaselineVisit> baselineVisits) {
    public RankSignal {
        baselineVisits = baselineVisits == null ? List.of() : List.copyOf(baselineVisits);
    }
}
