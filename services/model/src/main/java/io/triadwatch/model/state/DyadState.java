package io.triadwatch.model.state;

import io.triadwatch.model.EventKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one dyad, the value of the compacted {@code triadwatch.dyad-state.v1} topic
 * (key = {@link #dyad()}). Written after every event that moves the dyad.
 *
 * @param dyad          sorted dyad id, e.g. {@code CHN-PRK}
 * @param score         decayed impulse sum normalized to −1..+1
 * @param previousScore the score just before the last event, at that event's own time ({@code lastEventAt})
 * @param delta         the move the last event caused, at its own time: the score just after it minus
 *                      {@code previousScore}. Equal to {@code score - previousScore} when the event is the
 *                      newest ({@code lastEventAt == asOf}); for an event applied out of order it is the
 *                      move as if it had arrived in event-time order, not its effect at {@code asOf} (when at
 *                      most 8 later events of the dyad follow it; beyond that it is measured at {@code asOf})
 * @param rawSum        the decayed impulse sum behind {@code score}, as of {@code asOf}
 * @param asOf          event time of the newest event applied (an out-of-order event does not move it back)
 * @param eventCount    events applied so far
 * @param lastEventId   the event that produced this state
 * @param lastEventAt   its event time; null only in states written before this field existed
 * @param lastEventKind its kind
 * @param lastTrigger   what triggered this update: the event kind, or {@code RANK_DROP}/{@code RANK_RISE}
 *                      when a visit fell far off its baseline
 * @param contributions the most recent contributions, newest first (bounded)
 * @param baseline      this dyad's history of moves and where the last move stands in it
 * @param rankSignal    present when the last event was a delegation visit
 * @param voting        present once both actors have voted on a common draft
 * @param updatedAt     wall-clock time the analyzer wrote this state (for latency measurement)
 * @param eventAppendedAt append time of the triggering event on the events topic (for latency)
 * @param channels      the decayed sums behind {@code rawSum}, by channel, as of {@code asOf}: curated
 *                      impulses, the tone of coded news, UN voting agreement (see {@link ChannelSums});
 *                      null in states written before channels existed
 */
public record DyadState(String dyad, double score, double previousScore, double delta, double rawSum, Instant asOf,
                        long eventCount, String lastEventId, Instant lastEventAt, EventKind lastEventKind, String lastTrigger,
                        List<Contribution> contributions, DeltaBaseline baseline, RankSignal rankSignal,
                        VotingRecord voting, Instant updatedAt, Instant eventAppendedAt, ChannelSums channels) {
    public DyadState {
        Objects.requireNonNull(dyad, "dyad");
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
    }

    /** A state without channels, as written before they existed (every impulse curated). */
    public DyadState(String dyad, double score, double previousScore, double delta, double rawSum, Instant asOf,
                     long eventCount, String lastEventId, Instant lastEventAt, EventKind lastEventKind, String lastTrigger,
                     List<Contribution> contributions, DeltaBaseline baseline, RankSignal rankSignal,
                     VotingRecord voting, Instant updatedAt, Instant eventAppendedAt) {
        this(dyad, score, previousScore, delta, rawSum, asOf, eventCount, lastEventId, lastEventAt, lastEventKind, lastTrigger,
                contributions, baseline, rankSignal, voting, updatedAt, eventAppendedAt, null);
    }

    /** @return this state with {@code kept} as its contributions, every other field the same */
    public DyadState withContributions(List<Contribution> kept) {
        return new DyadState(dyad, score, previousScore, delta, rawSum, asOf, eventCount, lastEventId, lastEventAt, lastEventKind,
                lastTrigger, kept, baseline, rankSignal, voting, updatedAt, eventAppendedAt, channels);
    }

    /** @return the channel sums, or the whole {@code rawSum} as curated for a state written without them */
    public ChannelSums channelsOrCurated() {
        return channels != null ? channels : ChannelSums.curated(rawSum);
    }
}
