package io.triadwatch.analyzer.impulse;

import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.model.Dyad;
import java.util.Objects;

/**
 * One event's impulse on one dyad: the sum of every rule that touched the dyad, clamped, times the
 * event's confidence.
 *
 * @param dyad    the dyad
 * @param impulse the signed impulse (−10..+10 × confidence), as v1 would sum it: what a contribution
 *                shows; under v2 the score uses {@code sums} instead
 * @param sums    the impulse by channel: what the dyad's decayed sums add
 * @param visit   the delegation's standing when the event is a visit between the two, else null
 * @param vote    the pair's votes when both actors voted on the draft, else null
 */
public record DyadImpulse(Dyad dyad, double impulse, ChannelSums sums, VisitFacts visit, VoteFacts vote) {
    public DyadImpulse {
        Objects.requireNonNull(dyad, "dyad");
        Objects.requireNonNull(sums, "sums");
    }

    /**
     * A delegation visit's protocol facts, for the rank baseline.
     *
     * @param host     the host
     * @param guest    the guest
     * @param occasion the occasion (the baseline series), or null
     * @param head     who led it
     * @param rank     the head's resolved standing
     */
    public record VisitFacts(String host, String guest, String occasion, String head, ResolvedRank rank) {
        /** @return {@code HOST:GUEST:OCCASION}, or {@code HOST:GUEST} for a visit outside any series */
        public String series() {
            return occasion == null ? host + ":" + guest : host + ":" + guest + ":" + occasion;
        }
    }

    /**
     * How two voters voted on one draft.
     *
     * @param draft  the draft
     * @param agreed true when both cast the same effective choice
     */
    public record VoteFacts(String draft, boolean agreed) {
    }
}
