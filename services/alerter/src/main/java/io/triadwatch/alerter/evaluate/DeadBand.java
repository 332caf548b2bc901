package io.triadwatch.alerter.evaluate;

import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadTimeline;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.state.TriadState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dead band of the structural rules: an edge (dyad score) of a triad whose |score| is small is
 * neutral, neither friend nor enemy, so that noise around zero flips no balance and moves no pivot.
 * With hysteresis: a signed edge becomes neutral only when |score| falls below {@link #enter()}, a
 * neutral edge takes a sign only when |score| reaches {@link #exit()}; between the two it keeps what
 * it had. An edge that crosses zero between the margins loses its sign (it is no longer what it was,
 * and not yet the opposite).
 * <p>
 * The band's state is a function of the triad's states in event time: {@link #signs(TriadTimeline)}
 * replays it over the alerter's triad timeline, oldest first (the oldest kept state starts without
 * memory: it needs {@link #exit()} to take a sign). The analyzer's own {@code neutralBand} (0.02,
 * decay residue) is narrower and is not used here.
 *
 * @param enter a signed edge below this |score| becomes neutral
 * @param exit  a neutral edge at or above this |score| takes its sign; at least {@code enter}
 */
public record DeadBand(double enter, double exit) {
    /**
     * 0.10 / 0.15: one routine coded event (Goldstein 1, "consult" or "make statement", 29% of the
     * ICEWS June 2018 sample) on a quiet dyad moves it by tanh(0.1) = 0.0997, inside the band; taking a
     * sign needs more than that (a raw sum of 1.5), and a sign, once taken, survives about 105 days
     * of decay without new events (0.15 → 0.10 at a 180-day half-life).
     */
    public static final DeadBand DEFAULT = new DeadBand(0.10, 0.15);

    public DeadBand {
        if (!(enter >= 0 && enter <= exit && exit <= 1)) {
            throw new IllegalArgumentException("need 0 <= enter <= exit <= 1, got " + enter + " and " + exit);
        }
    }

    /** @return the rule's band: its own margins, else the defaults (an exit below the default enter lowers it) */
    public static DeadBand of(AlertRule rule) {
        double exit = rule.deadBandExit() != null ? rule.deadBandExit()
                : Math.max(DEFAULT.exit, rule.deadBandEnter() == null ? 0 : rule.deadBandEnter());
        double enter = rule.deadBandEnter() != null ? rule.deadBandEnter() : Math.min(DEFAULT.enter, exit);
        return new DeadBand(enter, exit);
    }

    /**
     * @param score    the edge's score now
     * @param previous its sign before (-1, 0, +1)
     * @return its sign now
     */
    public int sign(double score, int previous) {
        double size = Math.abs(score);
        int raw = score > 0 ? 1 : score < 0 ? -1 : 0;
        if (size >= exit) {
            return raw;
        }
        return size >= enter && raw == previous ? previous : 0;
    }

    /**
     * Replays the band over a timeline.
     *
     * @return the signs of every edge at each state of the timeline, in its order (dyad → sign)
     */
    public List<Map<String, Integer>> signs(TriadTimeline timeline) {
        List<Map<String, Integer>> out = new ArrayList<>();
        Map<String, Integer> current = Map.of();
        for (TriadSnapshot s : timeline.snapshots()) {
            Map<String, Integer> next = new LinkedHashMap<>();
            for (TriadState.DyadScore d : s.dyads()) {
                next.put(d.dyad(), sign(d.score(), current.getOrDefault(d.dyad(), 0)));
            }
            out.add(next);
            current = next;
        }
        return out;
    }

    /** @return true (balanced), false (unbalanced) or null when an edge is neutral or missing */
    public static Boolean balance(Map<String, Integer> signs) {
        if (signs.size() != 3 || signs.containsValue(0)) {
            return null;
        }
        long negatives = signs.values().stream().filter(v -> v < 0).count();
        return negatives % 2 == 0;
    }

    /** @return the signs as a class like the analyzer's: {@code +} before {@code -} before {@code 0}, e.g. {@code ++-} */
    public static String signClass(Map<String, Integer> signs) {
        long plus = signs.values().stream().filter(v -> v > 0).count();
        long minus = signs.values().stream().filter(v -> v < 0).count();
        return "+".repeat((int) plus) + "-".repeat((int) minus) + "0".repeat((int) (signs.size() - plus - minus));
    }

    /** @return the band in words, for alert text */
    public String describe() {
        return String.format(Locale.ROOT, "dead band: a sign from |score| %.2f, lost below %.2f", exit, enter);
    }
}
