package io.triadwatch.analyzer.dyad;

import io.triadwatch.model.state.BaselineVisit;
import java.time.Instant;

/**
 * One visit of a (host, guest, occasion) series, as the rank baseline keeps it.
 *
 * @param eventId    the visit
 * @param occurredAt when
 * @param head       who led it
 * @param weight     protocol weight
 * @param rankLabel  e.g. {@code LEADERSHIP 8/25}
 * @param rankSource {@code INLINE}, {@code REGISTRY} or {@code TIER_ONLY}
 */
public record SeriesVisit(String eventId, Instant occurredAt, String head, double weight, String rankLabel, String rankSource) {
    /** @return the visit as a rank signal cites it */
    public BaselineVisit cited() {
        return new BaselineVisit(eventId, occurredAt, head, weight, rankLabel);
    }

    /** @return true when this visit comes before {@code other} in event time (ties by event id) */
    public boolean before(SeriesVisit other) {
        int byTime = occurredAt.compareTo(other.occurredAt);
        return byTime < 0 || (byTime == 0 && eventId.compareTo(other.eventId) < 0);
    }
}
