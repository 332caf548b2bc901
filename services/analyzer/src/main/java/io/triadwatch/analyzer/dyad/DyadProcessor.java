package io.triadwatch.analyzer.dyad;

import io.triadwatch.analyzer.AnalyzerConfig;
import io.triadwatch.analyzer.AnalyzerMetrics;
import io.triadwatch.analyzer.AnalyzerStores;
import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.ChannelSums;
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
    /**
     * The most later events an out-of-order event is measured against and re-states in the history.
     * Beyond it (a burst on a busy dyad delivered out of order) reading and rewriting every later
     * point would make each late event cost as much as the burst; the move is then measured at the
     * dyad's latest time and counted as approximate.
     */
    public static final int LATER_POINTS_LIMIT = 8;
    private static final String NO_TRIADS = "";

    private final AnalyzerConfig config;
    private final AnalyzerMetrics metrics;
    private final Decay decay;
    private final ScoreModel score;
    private ProcessorContext<String, DyadOutput> context;
    private KeyValueStore<String, DyadAggregate> states;
    private HistoryStore history;
    private KeyValueStore<String, String> triads;
    private KeyValueStore<String, RankSeries> series;

    /** @param config the analyzer's configuration */
    public DyadProcessor(AnalyzerConfig config, AnalyzerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.decay = config.decay();
        this.score = config.scoreModel();
    }

    @Override
    public void init(ProcessorContext<String, DyadOutput> context) {
        this.context = context;
        this.states = context.getStateStore(AnalyzerStores.DYAD_STATE);
        this.history = new HistoryStore(context.getStateStore(AnalyzerStores.DYAD_HISTORY), config.historyPointsKept());
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
            context.forward(record.withKey(triad).withValue(DyadOutput.triad(answer)));
        }
    }

    /** The dyad's moves inside the zero-sum window ending at its {@code asOf}, from its history points. */
    private List<DyadMove> recentMoves(DyadState state) {
        List<DyadMove> recent = new ArrayList<>();
        for (HistoryPoint p : history.between(state.dyad(), state.asOf().minus(config.zeroSumWindow()), state.asOf())) {
            recent.add(new DyadMove(state.dyad(), state.rawSum(), state.asOf(), state.score(), p.delta(), p.eventId(), p.at(), true, state.channels()));
        }
        return recent;
    }

    private void apply(String dyad, ImpulseInput in, Record<String, DyadInput> record) {
        DyadAggregate before = states.get(dyad);
        DyadState old = before == null ? null : before.state();
        HistoryStore.Extent extent = before == null ? new HistoryStore.Extent(0, null)
                : new HistoryStore.Extent(before.historyPoints(), before.trimmedThrough());
        // The recent times say whether too many later events follow, so a burst delivered out of
        // order does not make every late event read the history.
        List<HistoryPoint> later = old == null || !in.occurredAt().isBefore(old.asOf()) ? List.of()
                : before.recentLaterThan(in.occurredAt()) >= LATER_POINTS_LIMIT ? null
                : history.after(dyad, in.occurredAt(), old.asOf(), LATER_POINTS_LIMIT);
        EventTimeStep step = step(old, extent, in, later);
        double previousScore = score.of(step.before());
        double after = score.of(step.after());
        double delta = after - previousScore;
        MoveStats moves = before == null ? MoveStats.EMPTY : before.moves();
        DeltaBaseline baseline = moves.judge(delta);

        RankSignal rank = in.visit() == null ? null : rankSignal(in);
        String trigger = trigger(in.kind(), rank);
        long now = context.currentSystemTimeMs();
        DyadState state = new DyadState(dyad, score.of(step.sums()), previousScore, delta, score.raw(step.sums()), step.asOf(),
                (old == null ? 0 : old.eventCount()) + in.eventCount(), in.eventId(), in.occurredAt(), in.kind(), trigger,
                contributions(old, in, step.asOf()), baseline, rank, voting(old, in, before == null ? null : before.lastVoteAt()),
                Instant.ofEpochMilli(now), in.appendedAt() > 0 ? Instant.ofEpochMilli(in.appendedAt()) : null, step.sums());

        extent = history.add(dyad, new HistoryPoint(in.occurredAt(), after, delta, score.raw(step.after()), in.impulse(),
                in.eventId(), in.kind(), in.summary(), step.after(), in.sums(), in.combined()), extent);
        if (step.exact() && later != null) {
            for (HistoryPoint p : later) {
                history.replace(dyad, p.withEarlierImpulse(decay.carry(in.sums(), in.occurredAt(), p.at()), score));
            }
        }
        Instant lastVoteAt = before == null ? null : before.lastVoteAt();
        if (in.vote() != null && (lastVoteAt == null || !in.occurredAt().isBefore(lastVoteAt))) {
            lastVoteAt = in.occurredAt();
        }
        states.put(dyad, new DyadAggregate(state, moves.plus(delta, config.deltaHistorySize()), extent.points(), lastVoteAt, extent.trimmedThrough(),
                before == null ? List.of(in.occurredAt().toEpochMilli()) : before.recentTimesWith(in.occurredAt(), LATER_POINTS_LIMIT)));
        context.forward(record.withKey(dyad).withValue(DyadOutput.state(state)));
        metrics.impulseApplied(step.exact(), in.combined());
        metrics.eventToState(in.appendedAt(), now);
        DyadMove move = move(state, in, true);
        for (String triad : watchers(dyad)) {
            context.forward(record.withKey(triad).withValue(DyadOutput.triad(TriadInput.move(triad, move))));
        }
        if (in.visit() != null && in.visit().occasion() != null) {
            correctLaterVisits(dyad, in, record);
        }
    }

    /**
     * The step of {@code in} at its own time. Out of order, that needs every later impulse (all within
     * the grace period, so in the history unless the dyad had more than {@code historyPointsKept}
     * events since); without them, or with more than {@value #LATER_POINTS_LIMIT}, the move is
     * measured at {@code asOf} and counted as approximate.
     */
    private EventTimeStep step(DyadState old, HistoryStore.Extent extent, ImpulseInput in, List<HistoryPoint> later) {
        Instant t = in.occurredAt();
        if (old == null || !t.isBefore(old.asOf())) {
            return EventTimeStep.inOrder(old == null ? ChannelSums.ZERO : old.channelsOrCurated(), old == null ? null : old.asOf(), t, in.sums(), decay);
        }
        ChannelSums laterAtAsOf = null;
        if (later != null && later.size() <= LATER_POINTS_LIMIT && extent.holdsAllAfter(t)) {
            ChannelSums sum = ChannelSums.ZERO;
            for (HistoryPoint p : later) {
                sum = sum.plus(decay.carry(p.impulseSums(), p.at(), old.asOf()));
            }
            laterAtAsOf = sum;
        }
        return EventTimeStep.outOfOrder(old.channelsOrCurated(), old.asOf(), t, in.sums(), laterAtAsOf, decay);
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
                    later.occurredAt(), EventKind.DELEGATION_VISIT, trigger(EventKind.DELEGATION_VISIT, now), s.contributions(), s.baseline(), now, s.voting(),
                    Instant.ofEpochMilli(context.currentSystemTimeMs()), s.eventAppendedAt(), s.channels());
            states.put(dyad, new DyadAggregate(corrected, aggregate.moves(), aggregate.historyPoints(), aggregate.lastVoteAt(), aggregate.trimmedThrough(),
                    aggregate.recentTimes()));
            context.forward(record.withKey(dyad).withValue(DyadOutput.state(corrected)));
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

    private static DyadMove move(DyadState state, ImpulseInput in, boolean moved) {
        return new DyadMove(state.dyad(), state.rawSum(), state.asOf(), state.score(), state.delta(),
                in == null ? state.lastEventId() : in.eventId(), in == null ? state.asOf() : in.occurredAt(), moved, state.channels());
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
