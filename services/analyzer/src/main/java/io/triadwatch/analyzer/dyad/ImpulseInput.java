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
 */
public record ImpulseInput(String eventId, EventKind kind, Instant occurredAt, long appendedAt, double impulse, ChannelSums sums, String summary,
                           DyadImpulse.VisitFacts visit, DyadImpulse.VoteFacts vote) {
    public ImpulseInput {
        sums = sums == null ? ChannelSums.curated(impulse) : sums;
    }
}
