package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import io.triadwatch.model.state.VotingRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies impulses to one dyad (the records of one {@code dyad-inputs} partition) and writes its
 * state: the decayed score, the move and where it stands in the dyad's own history, the
 * contributions, the voting record, and for a visit the rank signal against its occasion baseline.
 * <p>
 * The decayed sum is exact in any arrival order (see {@link Decay}); a visit that arrives after
 * later visits of its series also re-judges those later visits, and writes a correction state for
 * each (their baseline now includes it).
 */
public final class DyadProcessor implements Processor<String, DyadInput, String, DyadOutput> {
    private static final int SERIES_KEPT = 50;
    private static final String NO_TRIADS = "";

    private final AnalyzerConfig config;
    private final AnalyzerMetrics metrics;
    private final Decay decay;
    private ProcessorContext<String, DyadOutput> context;
    private KeyValueStore<String, DyadAggregate> states;
    private KeyValueStore<String, HistoryPoint> history;
    private KeyValueStore<String, String> triads;
    private KeyValueStore<String, RankSeries> series;

    /** @param config the analyzer's configuration */
    public DyadProcessor(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.decay = new Decay(config.halfLife());
    }

    @Override
    public void init(ProcessorContext<String, DyadOutput> context) {
        this.context = context;
        this.states = context.getStateStore(AnalyzerStores.DYAD_STATE);
        this.history = context.getStateStore(AnalyzerStores.DYAD_HISTORY);
        this.triads = context.getStateStore(AnalyzerStores.DYAD_TRIADS);
        this.series = context.getStateStore(AnalyzerStores.RANK_SERIES);
    }

    @Override
    public void process(Record<String, DyadInput> record) {
        DyadInput input = record.value();
        if (input == null) {
            return;
        }
        if (input.impulse() != null) {
            apply(input.dyad(), input.impulse(), record);
        } else {
            membership(input.dyad(), input.triad(), Boolean.TRUE.equals(input.watched()), record);
        }
    }

    private void membership(String dyad, String triad, boolean watched, Record<String, DyadInput> record) {
        TreeSet<String> watching = watchers(dyad);
        boolean changed = watched ? watching.add(triad) : watching.remove(triad);
        if (changed) {
            if (watching.isEmpty()) {
                triads.delete(dyad);
            } else {
                triads.put(dyad, String.join(",", watching));
            }
        }
        if (watched) {
            DyadAggregate aggregate = states.get(dyad);
            TriadInput answer = aggregate == null
                    ? TriadInput.move(triad, new DyadMove(dyad, 0, null, 0, 0, null, null, false))
                    : TriadInput.snapshot(triad, move(aggregate.state(), null, false), recentMoves(aggregate.state()));
            context.forward(record.withKey(triad).withValue(new DyadOutput(null, answer)));
        }
    }

    /** The dyad's moves inside the zero-sum window ending at its {@code asOf}, from its history points. */
    private List<DyadMove> recentMoves(DyadState state) {
        List<DyadMove> recent = new ArrayList<>();
        Instant from = state.asOf().minus(config.zeroSumWindow());
        try (KeyValueIterator<String, HistoryPoint> it = history.range(HistoryKeys.from(state.dyad(), from), HistoryKeys.to(state.dyad(), state.asOf()))) {
            it.forEachRemaining(kv -> recent.add(new DyadMove(state.dyad(), state.rawSum(), state.asOf(), state.score(), kv.value.delta(),
                    kv.value.eventId(), kv.value.at(), true)));
        }
        return recent;
    }

    private void apply(String dyad, ImpulseInput in, Record<String, DyadInput> record) {
        DyadAggregate before = states.get(dyad);
        DyadState old = before == null ? null : before.state();
        Instant t = in.occurredAt();
        double priorRaw = old == null ? 0 : old.rawSum();
        Instant asOf;
        double previousRaw;
        double rawSum;
        if (old == null || !t.isBefore(old.asOf())) {
            asOf = t;
            previousRaw = old == null ? 0 : priorRaw * decay.factor(old.asOf(), t);
            rawSum = previousRaw + in.impulse();
        } else {
            asOf = old.asOf();
            previousRaw = priorRaw;
            rawSum = priorRaw + in.impulse() * decay.factor(t, asOf);
        }
        double previousScore = score(previousRaw);
        double score = score(rawSum);
        double delta = score - previousScore;
        MoveStats moves = before == null ? MoveStats.EMPTY : before.moves();
        DeltaBaseline baseline = moves.judge(delta);

        RankSignal rank = in.visit() == null ? null : rankSignal(in);
        String trigger = trigger(in.kind(), rank);
        long now = System.currentTimeMillis();
        DyadState state = new DyadState(dyad, score, previousScore, delta, rawSum, asOf,
                (old == null ? 0 : old.eventCount()) + 1, in.eventId(), in.kind(), trigger,
                contributions(old, in, asOf), baseline, rank, voting(old, in, before == null ? null : before.lastVoteAt()),
                Instant.ofEpochMilli(now), in.appendedAt() > 0 ? Instant.ofEpochMilli(in.appendedAt()) : null);

        long points = recordHistory(dyad, in, state, before == null ? 0 : before.historyPoints());
        Instant lastVoteAt = before == null ? null : before.lastVoteAt();
        if (in.vote() != null && (lastVoteAt == null || !in.occurredAt().isBefore(lastVoteAt))) {
            lastVoteAt = in.occurredAt();
        }
        states.put(dyad, new DyadAggregate(state, moves.plus(delta, config.deltaHistorySize()), points, lastVoteAt));
        context.forward(record.withKey(dyad).withValue(new DyadOutput(state, null)));
        metrics.eventToState(in.appendedAt(), now);
        DyadMove move = move(state, in, true);
        for (String triad : watchers(dyad)) {
            context.forward(record.withKey(triad).withValue(new DyadOutput(null, TriadInput.move(triad, move))));
        }
        if (in.visit() != null && in.visit().occasion() != null) {
            correctLaterVisits(dyad, in, record);
        }
    }

    private double score(double rawSum) {
        return Math.tanh(rawSum / config.scoreScale());
    }

    private static String trigger(EventKind kind, RankSignal rank) {
        if (rank != null && RankSeries.DROP.equals(rank.direction())) {
            return "RANK_DROP";
        }
        if (rank != null && RankSeries.RISE.equals(rank.direction())) {
            return "RANK_RISE";
        }
        return kind.name();
    }

    private RankSignal rankSignal(ImpulseInput in) {
        DyadImpulse.VisitFacts facts = in.visit();
        SeriesVisit visit = new SeriesVisit(in.eventId(), in.occurredAt(), facts.head(), facts.rank().weight(), facts.rank().label(), facts.rank().source());
        if (facts.occasion() == null) {
            return RankSeries.outsideSeries(facts.series(), visit);
        }
        RankSeries current = series.get(facts.series());
        RankSeries next = (current == null ? new RankSeries(List.of()) : current).with(visit, SERIES_KEPT);
        series.put(facts.series(), next);
        return next.signal(facts.series(), visit, config.rankShiftThreshold());
    }

    /**
     * The visit just applied is earlier than some visits of its series that were applied before it:
     * each of those now has a larger baseline, so its verdict is written again as a correction (same
     * numbers, delta 0, its own rank signal), and the last word on every visit cites its full baseline.
     */
    private void correctLaterVisits(String dyad, ImpulseInput in, Record<String, DyadInput> record) {
        RankSeries all = series.get(in.visit().series());
        SeriesVisit applied = all.visits().stream().filter(v -> v.eventId().equals(in.eventId())).findFirst().orElse(null);
        if (applied == null) {
            return;
        }
        for (SeriesVisit later : all.after(applied)) {
            RankSignal now = all.signal(in.visit().series(), later, config.rankShiftThreshold());
            DyadAggregate aggregate = states.get(dyad);
            DyadState s = aggregate.state();
            DyadState corrected = new DyadState(dyad, s.score(), s.score(), 0, s.rawSum(), s.asOf(), s.eventCount(), later.eventId(),
                    EventKind.DELEGATION_VISIT, trigger(EventKind.DELEGATION_VISIT, now), s.contributions(), s.baseline(), now, s.voting(),
                    Instant.now(), s.eventAppendedAt());
            states.put(dyad, new DyadAggregate(corrected, aggregate.moves(), aggregate.historyPoints(), aggregate.lastVoteAt()));
            context.forward(record.withKey(dyad).withValue(new DyadOutput(corrected, null)));
        }
    }

    private List<Contribution> contributions(DyadState old, ImpulseInput in, Instant asOf) {
        List<Contribution> all = new ArrayList<>(old == null ? List.of() : old.contributions());
        all.add(new Contribution(in.eventId(), in.kind(), in.occurredAt(), in.impulse(), 0, in.summary()));
        all.sort(Comparator.comparing(Contribution::occurredAt).thenComparing(Contribution::eventId).reversed());
        List<Contribution> kept = new ArrayList<>(Math.min(all.size(), config.contributionsKept()));
        for (Contribution c : all.subList(0, Math.min(all.size(), config.contributionsKept()))) {
            kept.add(new Contribution(c.eventId(), c.kind(), c.occurredAt(), c.impulse(), c.impulse() * decay.factor(c.occurredAt(), asOf), c.summary()));
        }
        return kept;
    }

    /** Counts the vote; the "last" fields follow the latest draft in event time, whatever the arrival order. */
    private static VotingRecord voting(DyadState old, ImpulseInput in, Instant lastVoteAt) {
        VotingRecord before = old == null ? null : old.voting();
        if (in.vote() == null) {
            return before;
        }
        int together = (before == null ? 0 : before.together()) + (in.vote().agreed() ? 1 : 0);
        int total = (before == null ? 0 : before.total()) + 1;
        if (before != null && lastVoteAt != null && in.occurredAt().isBefore(lastVoteAt)) {
            return new VotingRecord(together, total, before.lastDraft(), before.agreedLast(), before.lastEventId());
        }
        return new VotingRecord(together, total, in.vote().draft(), in.vote().agreed(), in.eventId());
    }

    private long recordHistory(String dyad, ImpulseInput in, DyadState state, long points) {
        history.put(HistoryKeys.key(dyad, in.occurredAt(), in.eventId()),
                new HistoryPoint(in.occurredAt(), state.asOf(), state.score(), state.delta(), in.eventId(), in.kind(), in.summary()));
        long count = points + 1;
        long kept = config.historyPointsKept();
        // Trim in batches: deleting one oldest point per update opens an iterator at the head of the
        // dyad's range on every event, and each must skip the tombstones of all earlier deletes.
        if (count > kept + Math.max(1, kept / 10)) {
            List<String> oldest = new ArrayList<>();
            try (KeyValueIterator<String, HistoryPoint> it = history.range(HistoryKeys.from(dyad, null), HistoryKeys.to(dyad, null))) {
                while (it.hasNext() && oldest.size() < count - kept) {
                    oldest.add(it.next().key);
                }
            }
            oldest.forEach(history::delete);
            count -= oldest.size();
        }
        return count;
    }

    private static DyadMove move(DyadState state, ImpulseInput in, boolean moved) {
        return new DyadMove(state.dyad(), state.rawSum(), state.asOf(), state.score(), state.delta(),
                in == null ? state.lastEventId() : in.eventId(), in == null ? state.asOf() : in.occurredAt(), moved);
    }

    private TreeSet<String> watchers(String dyad) {
        String value = triads.get(dyad);
        TreeSet<String> set = new TreeSet<>();
        if (value != null && !value.equals(NO_TRIADS)) {
            set.addAll(Arrays.asList(value.split(",")));
        }
        return set;
    }
}
