package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.ChannelSums;
import java.time.Instant;

/**
 * One event's impulse on one dyad, as it travels from the intake to the dyad's partition.
 *
 * @param eventId    the event
 * @param kind       its kind
 * @param occurredAt its event time
 * @param appendedAt append time of the event record (epoch ms), for the latency timer
 * @param impulse    the signed impulse, confidence applied, as a contribution shows it
 * @param sums       the impulse by channel, confidence applied: what the dyad's decayed sums add
 * @param summary    the event's summary, shortened, or null
 * @param visit      protocol facts when the event is a visit between the two, else null
 * @param vote       the pair's votes when both voted on the draft, else null
 * @param combined   for a combined record (several coded events summed by the intake, see {@link Combined}):
 *                   their count and ids, else null. Then {@code eventId} is the most intense event,
 *                   {@code occurredAt} the latest event time of them (every part of {@code sums} is
 *                   decayed to it), {@code appendedAt} the earliest append time, and {@code impulse}
 *                   their tone (the decayed, confidence-weighted mean Goldstein value, −10..+10): what
 *                   the dyad's contribution list shows for the bucket
 */
public record ImpulseInput(String eventId, EventKind kind, Instant occurredAt, long appendedAt, double impulse, ChannelSums sums, String summary,
                           DyadImpulse.VisitFacts visit, DyadImpulse.VoteFacts vote, Combined combined) {
    public ImpulseInput {
        sums = sums == null ? ChannelSums.curated(impulse) : sums;
    }

    /** One event's impulse (not combined). */
    public ImpulseInput(String eventId, EventKind kind, Instant occurredAt, long appendedAt, double impulse, ChannelSums sums, String summary,
                        DyadImpulse.VisitFacts visit, DyadImpulse.VoteFacts vote) {
        this(eventId, kind, occurredAt, appendedAt, impulse, sums, summary, visit, vote, null);
    }

    /** @return how many events this impulse stands for: 1, or the count of a combined record */
    public int eventCount() {
        return combined == null ? 1 : combined.count();
    }

    /**
     * @return true when only the tone and volume channels carry it (a coded event under the v2 table):
     *         the impulses the intake may combine
     */
    public boolean codedOnly() {
        return visit == null && vote == null && sums.curated() == 0 && sums.voteSurprise() == 0 && sums.voteInformative() == 0;
    }
}
