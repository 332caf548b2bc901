package io.triadwatch.alerter;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.TriadState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A long, seeded stream of dyad and triad states with shifts, rank drops and balance flips, in event
 * time order, ending with states dated 2030 that move every task's event time past every deadline.
 */
final class Scenario {
    static final String TRIAD = "CHN-PRK-RUS";
    static final List<String> DYADS = List.of("CHN-PRK", "PRK-RUS", "CHN-RUS", "KOR-USA", "JPN-KOR", "JPN-USA", "KOR-PRK", "PRK-USA");
    static final Map<String, String> RULES = Map.of(
            "shift", "{\"id\":\"shift\",\"type\":\"DYAD_SHIFT\",\"threshold\":0.3,\"window\":\"P60D\",\"hysteresis\":0.05,"
                    + "\"keepFiringFor\":\"P10D\",\"triggerKinds\":[\"UN_VOTE\",\"RANK_DROP\"]}",
            "rank-drop", "{\"id\":\"rank-drop\",\"type\":\"RANK_DROP\",\"threshold\":0.05}",
            "flip", "{\"id\":\"flip\",\"type\":\"TRIAD_BALANCE_FLIP\",\"threshold\":0,\"pendingFor\":\"P5D\"}");

    /**
     * One input record.
     *
     * @param dyad      a dyad state, or null
     * @param triad     a triad state, or null
     * @param partition an explicit partition, or null for the key's
     */
    record Input(DyadState dyad, TriadState triad, Integer partition) {
        String key() {
            return dyad != null ? dyad.dyad() : triad.triad();
        }
    }

    private Scenario() {
    }

    /** @return the inputs, in order */
    static List<Input> inputs(int steps) {
        Random random = new Random(42);
        States states = new States();
        List<Input> out = new ArrayList<>();
        LocalDate day = LocalDate.parse("2022-01-01");
        for (int i = 0; i < steps; i++) {
            day = day.plusDays(3);
            String dyad = DYADS.get(random.nextInt(DYADS.size()));
            States.Move move;
            if (i % 10 == 9) {
                dyad = "CHN-PRK";
                double weight = random.nextBoolean() ? 0.42 : 0.55;
                move = states.move(dyad, day.toString(), "visit-" + i, EventKind.DELEGATION_VISIT, 0.05)
                        .visit(i % 20 == 9 ? "PRK:CHN:PRK_VICTORY_DAY" : "PRK:CHN:PRK_NATIONAL_DAY", "head-" + i, weight, "LEADERSHIP", 0.544);
            } else {
                double delta = Math.round((random.nextDouble() * 0.45 - 0.2) * 1000) / 1000.0;
                if (Math.abs(states.score(dyad) + delta) > 0.95) {
                    delta = -delta; // scores stay in -1..1
                }
                move = states.move(dyad, day.toString(), "vote-" + i, EventKind.UN_VOTE, delta);
            }
            out.add(new Input(move.state(), null, null));
            if (List.of("CHN-PRK", "PRK-RUS", "CHN-RUS").contains(dyad)) {
                Map<String, double[]> scores = new LinkedHashMap<>();
                for (String d : List.of("CHN-PRK", "CHN-RUS", "PRK-RUS")) {
                    scores.put(d, new double[]{states.score(d), d.equals(dyad) ? out.get(out.size() - 1).dyad().delta() : 0});
                }
                out.add(new Input(null, States.triad(TRIAD, day.toString(), dyad, out.get(out.size() - 1).dyad().lastEventId(), "CHN", true, scores), null));
            }
        }
        out.add(new Input(states.move("ARG-BRA", "2030-01-01", "clock-0", EventKind.SUMMIT, 0.01).state(), null, 0));
        out.add(new Input(states.move("ARG-CHL", "2030-01-01", "clock-1", EventKind.SUMMIT, 0.01).state(), null, 1));
        out.add(new Input(null, States.triad("JPN-KOR-USA", "2030-01-01", "JPN-KOR", "clock-2", "USA", true,
                Map.of("JPN-KOR", new double[]{0.1, 0.1}, "JPN-USA", new double[]{0.5, 0}, "KOR-USA", new double[]{0.5, 0})), null));
        return out;
    }
}
