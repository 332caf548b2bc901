package io.triadwatch.analyzer.intake;

import io.triadwatch.analyzer.dyad.Combined;
import io.triadwatch.analyzer.dyad.Decay;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.ChannelSums;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The coded-only impulses of one dyad and one event-time bucket that the intake has summed and not
 * yet forwarded (the value of {@code coded-bucket-store}). Every part is carried to {@code at}, the
 * latest event time in the bucket, by its channel's own half-life, so the bucket applied at
 * {@code at} moves the dyad's sums exactly as its impulses applied one by one (the sums are linear
 * and decay is a factor per channel). A bucket of one impulse keeps that impulse as it came.
 *
 * @param dyad       the dyad
 * @param start      the bucket's start
 * @param single     the impulse itself while the bucket holds one, else null
 * @param count      how many impulses it holds
 * @param at         the latest event time among them
 * @param appendedAt the earliest append time among them (epoch ms; 0 when none was known), for the latency timer
 * @param timestamp  the latest record timestamp among them: the forwarded record's
 * @param sums       their channel sums decayed to {@code at} and summed
 * @param kind       the kind of the first (coded-only impulses are coded events)
 * @param top        the most intense of them, most intense first, bounded
 */
public record CodedBucket(String dyad, Instant start, ImpulseInput single, int count, Instant at, long appendedAt, long timestamp,
                          ChannelSums sums, EventKind kind, List<Ranked> top) {
    private static final Comparator<Ranked> MOST_INTENSE = Comparator.comparingDouble(Ranked::intensity).reversed().thenComparing(Ranked::eventId);

    public CodedBucket {
        Objects.requireNonNull(dyad, "dyad");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sums, "sums");
        Objects.requireNonNull(kind, "kind");
        top = List.copyOf(top);
        if (count < 1 || top.isEmpty()) {
            throw new IllegalArgumentException("a bucket holds at least one impulse, got " + count + " with " + top.size() + " ids");
        }
        if ((single != null) != (count == 1)) {
            throw new IllegalArgumentException("a bucket keeps its impulse exactly while it holds one");
        }
    }

    /**
     * One event's place among a bucket's most intense.
     *
     * @param eventId   the event
     * @param intensity its |Goldstein| value (|impulse| when it has no tone)
     */
    public record Ranked(String eventId, double intensity) {
    }

    /** @return a bucket holding {@code first} alone */
    public static CodedBucket of(String dyad, Instant start, ImpulseInput first, long timestamp) {
        return new CodedBucket(dyad, start, first, 1, first.occurredAt(), first.appendedAt(), timestamp, first.sums(), first.kind(),
                List.of(ranked(first)));
    }

    /**
     * @param next      a coded-only impulse of the same dyad and bucket
     * @param timestamp its record's timestamp
     * @param kept      how many ids to keep
     * @return this bucket with {@code next} added, every part carried to the later of the two times
     */
    public CodedBucket plus(ImpulseInput next, long timestamp, Decay decay, int kept) {
        Instant t = next.occurredAt();
        Instant latest = t.isAfter(at) ? t : at;
        ChannelSums summed = decay.carry(sums, at, latest).plus(decay.carry(next.sums(), t, latest));
        List<Ranked> ranked = new ArrayList<>(top);
        ranked.add(ranked(next));
        ranked.sort(MOST_INTENSE);
        long appended = appendedAt <= 0 ? next.appendedAt() : next.appendedAt() <= 0 ? appendedAt : Math.min(appendedAt, next.appendedAt());
        return new CodedBucket(dyad, start, null, count + 1, latest, appended, Math.max(this.timestamp, timestamp), summed, kind,
                ranked.subList(0, Math.min(kept, ranked.size())));
    }

    /**
     * What crosses to the dyad stage: the impulse itself for a bucket of one; else one combined
     * impulse at {@code at}, named after its most intense event (see {@link ImpulseInput#combined()}).
     *
     * @param end the bucket's end, for the summary
     */
    public ImpulseInput toImpulse(Instant end) {
        if (single != null) {
            return single;
        }
        List<String> ids = top.stream().map(Ranked::eventId).toList();
        String summary = EventIntake.shorten(count + " coded events from " + start + " to " + end + ", the most intense first: " + String.join(", ", ids));
        double tone = sums.tone() == null ? 0 : sums.tone();
        return new ImpulseInput(ids.get(0), kind, at, appendedAt, tone, sums, summary, null, null, new Combined(count, ids));
    }

    private static Ranked ranked(ImpulseInput in) {
        ChannelSums s = in.sums();
        double intensity = s.toneVolume() > 0 ? Math.abs(s.toneSum() / s.toneVolume()) : Math.abs(in.impulse());
        return new Ranked(in.eventId(), intensity);
    }
}
