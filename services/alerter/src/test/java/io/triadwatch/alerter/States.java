package io.triadwatch.alerter;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.model.state.VotingRecord;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds dyad and triad states as the analyzer would write them, keeping each dyad's score so that
 * a test reads as a sequence of moves.
 */
final class States {
    private final Map<String, Double> scores = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, List<Double>> moves = new HashMap<>();
    private double ordinaryMean = 0.10;
    private double ordinaryStddev = 0.05;
    private int historyMoves = 10;

    /** Every dyad starts with this many earlier moves of mean {@code mean} and spread {@code stddev}. */
    States history(int count, double mean, double stddev) {
        historyMoves = count;
        ordinaryMean = mean;
        ordinaryStddev = stddev;
        return this;
    }

    /** @return a move on {@code dyad} by {@code delta} caused by {@code eventId} */
    Move move(String dyad, String day, String eventId, EventKind kind, double delta) {
        return new Move(dyad, at(day), eventId, kind, delta);
    }

    /** @return the dyad's current score (0 before its first move) */
    double score(String dyad) {
        return scores.getOrDefault(dyad, 0.0);
    }

    static Instant at(String day) {
        return Json.parse(day);
    }

    /** A dyad state being built. */
    final class Move {
        private final String dyad;
        private final Instant asOf;
        private final String eventId;
        private final EventKind kind;
        private final double delta;
        private String trigger;
        private RankSignal rank;
        private VotingRecord voting;
        private Instant appendedAt;

        private Move(String dyad, Instant asOf, String eventId, EventKind kind, double delta) {
            this.dyad = dyad;
            this.asOf = asOf;
            this.eventId = eventId;
            this.kind = kind;
            this.delta = delta;
            this.trigger = kind.name();
        }

        Move trigger(String value) {
            trigger = value;
            return this;
        }

        Move appendedAt(Instant value) {
            appendedAt = value;
            return this;
        }

        /** A visit of {@code series} with weight {@code weight} against earlier visits of the given weights. */
        Move visit(String series, String head, double weight, String label, double... earlierWeights) {
            List<BaselineVisit> visits = new ArrayList<>();
            for (int i = 0; i < earlierWeights.length; i++) {
                visits.add(new BaselineVisit("visit-" + series + "-" + i, asOf.minusSeconds(86_400L * 365 * (earlierWeights.length - i)),
                        "earlier head " + i, earlierWeights[i], "LEADERSHIP " + (3 + i) + "/25"));
            }
            Double baseline = earlierWeights.length == 0 ? null : java.util.Arrays.stream(earlierWeights).average().orElseThrow();
            Double gap = baseline == null ? null : weight - baseline;
            String direction = gap == null ? "NO_BASELINE" : gap <= -0.05 ? "DROP" : gap >= 0.05 ? "RISE" : "IN_LINE";
            rank = new RankSignal(eventId, series, head, weight, label, "REGISTRY", baseline, gap, direction, visits);
            if ("DROP".equals(direction)) {
                trigger = "RANK_DROP";
            } else if ("RISE".equals(direction)) {
                trigger = "RANK_RISE";
            }
            return this;
        }

        /** The pair's voting record after this vote. */
        Move voting(int together, int total, String draft, boolean agreedLast) {
            voting = new VotingRecord(together, total, draft, agreedLast, eventId);
            return this;
        }

        /** @return the state, and records the move in the dyad's score */
        DyadState state() {
            double previous = scores.getOrDefault(dyad, 0.0);
            double score = previous + delta;
            long count = counts.getOrDefault(dyad, 0L);
            List<Double> earlier = moves.computeIfAbsent(dyad, d -> new ArrayList<>());
            long n = historyMoves + earlier.size();
            double sum = historyMoves * ordinaryMean + earlier.stream().mapToDouble(Double::doubleValue).sum();
            double mean = sum / n;
            double stddev = ordinaryStddev;
            Double z = stddev > 0 ? (Math.abs(delta) - mean) / stddev : null;
            DeltaBaseline baseline = new DeltaBaseline(n, mean, stddev, List.of(), z, null);
            scores.put(dyad, score);
            counts.put(dyad, count + 1);
            earlier.add(Math.abs(delta));
            Contribution own = new Contribution(eventId, kind, asOf, delta * 10, delta * 10, "summary of " + eventId);
            return new DyadState(dyad, score, previous, delta, score * 10, asOf, count + 1, eventId, asOf, kind, trigger,
                    List.of(own), baseline, rank, voting, asOf, appendedAt);
        }
    }

    /**
     * A triad state.
     *
     * @param triad    the triad id
     * @param day      event time
     * @param lastDyad the dyad that moved
     * @param eventId  the event
     * @param pivot    the pivot
     * @param configured whether the pivot is configured
     * @param dyadScores dyad → {score, delta}
     */
    static TriadState triad(String triad, String day, String lastDyad, String eventId, String pivot, boolean configured,
                            Map<String, double[]> dyadScores) {
        List<TriadState.DyadScore> dyads = new ArrayList<>();
        double product = 1;
        int negatives = 0;
        int zeros = 0;
        for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(dyadScores).entrySet()) {
            dyads.add(new TriadState.DyadScore(e.getKey(), e.getValue()[0], e.getValue()[1], at(day)));
            product *= e.getValue()[0];
            negatives += e.getValue()[0] < 0 ? 1 : 0;
            zeros += e.getValue()[0] == 0 ? 1 : 0;
        }
        String signs = "+".repeat(3 - negatives - zeros) + "-".repeat(negatives) + "0".repeat(zeros);
        boolean balanced = zeros == 0 && negatives % 2 == 0;
        List<String> actors = List.of(triad.split("-"));
        double asymmetry = 0.1;
        return new TriadState(triad, actors, null, dyads, product, signs, balanced, pivot, configured, asymmetry,
                new TriadState.ZeroSumEvidence("P90D", 3, 0, 3, 0.0, "NO_ZERO_SUM_EVIDENCE"), at(day), lastDyad, eventId, at(day));
    }
}
