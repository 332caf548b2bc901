package io.triadwatch.alerter.context;

import io.triadwatch.model.alert.Alert;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the zero-sum check of an alert: for each watched triad holding the subject, what the
 * triad's other dyads did over the alert's window, and whether that looks like a trade (one tie
 * warming as the other cools) or not. A move the other way is called "consistent with" a zero-sum
 * trade, never proof of one: that is the fallacy the seed article warns about.
 */
public final class ContextReadings {
    /** Scores within this of zero are "near zero". */
    static final double NEAR_ZERO = 0.02;
    /** Moves smaller than this do not count as moving "the other way". */
    static final double MEANINGFUL_MOVE = 0.05;

    private ContextReadings() {
    }

    /**
     * The context of a dyad alert.
     *
     * @param dyad      the subject dyad
     * @param direction +1 when the subject warmed, -1 when it cooled, 0 when neither
     * @param context   the dyad's watched triads, or null
     * @param cut       the alert's event time and move ({@link ContextCut})
     * @param window    the window to look back over
     * @param kept      how many states of a triad a reading uses at most ({@code maxMovesKept})
     * @return one context per watched triad with a state, sorted by triad id; each reads the triad's states
     *         up to the cut ({@link TriadTimeline#upTo}), the latest of them for the scores, or the triad's
     *         earliest state when all are later (states applied out of order)
     */
    public static List<Alert.TriadContext> forDyad(String dyad, int direction, DyadContext context, ContextCut cut, Duration window,
                                                   int kept) {
        if (context == null) {
            return List.of();
        }
        List<Alert.TriadContext> out = new ArrayList<>();
        Map<String, TriadTimeline> sorted = new TreeMap<>(context.triads());
        sorted.forEach((triad, timeline) -> {
            TriadTimeline upTo = timeline.upTo(cut, kept);
            Alert.TriadContext c = read(triad, dyad, direction, upTo.snapshots().isEmpty() ? timeline : upTo, cut.at(), window);
            if (c != null) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * The context of a triad alert: the triad itself, seen from the dyad whose move produced the state.
     *
     * @param triad     the subject triad
     * @param movedDyad the dyad that moved
     * @param direction the sign of its move
     * @param timeline  the triad's states including the current one
     * @param at        the alert's event time
     * @param window    the window to look back over
     * @return a single context, or none when the triad has no state
     */
    public static List<Alert.TriadContext> forTriad(String triad, String movedDyad, int direction, TriadTimeline timeline,
                                                    Instant at, Duration window) {
        Alert.TriadContext c = read(triad, movedDyad, direction, timeline, at, window);
        return c == null ? List.of() : List.of(c);
    }

    private static Alert.TriadContext read(String triad, String subject, int direction, TriadTimeline timeline,
                                           Instant at, Duration window) {
        TriadSnapshot now = timeline.latestAtOrBefore(at);
        if (now == null) {
            // Applied out of order, the triad may only have later states: the nearest one stands in.
            now = timeline.snapshots().isEmpty() ? null : timeline.snapshots().get(0);
        }
        if (now == null) {
            return null;
        }
        Instant from = at.minus(window);
        List<Alert.OtherDyad> others = new ArrayList<>();
        for (TriadState.DyadScore d : now.dyads()) {
            if (!d.dyad().equals(subject)) {
                others.add(new Alert.OtherDyad(d.dyad(), d.score(), timeline.changeOf(d.dyad(), from, at)));
            }
        }
        String verdict = now.verdict() == null ? "INSUFFICIENT_DATA" : now.verdict();
        return new Alert.TriadContext(triad, others, now.balanced(), verdict, reading(subject, direction, others, window, verdict));
    }

    static String reading(String subject, int direction, List<Alert.OtherDyad> others, Duration window, String verdict) {
        List<String> parts = new ArrayList<>();
        List<String> opposite = new ArrayList<>();
        for (Alert.OtherDyad o : others) {
            parts.add(String.format(Locale.ROOT, "%s %s (%+.2f, %+.2f over %s)", o.dyad(), trend(o), o.score(), o.changeInWindow(), Durations.iso(window)));
            if (direction != 0 && o.changeInWindow() * direction <= -MEANINGFUL_MOVE) {
                opposite.add(o.dyad());
            }
        }
        String judgement;
        if (direction == 0) {
            judgement = "no direction to trade against";
        } else if (opposite.isEmpty()) {
            judgement = "no zero-sum trade";
        } else {
            judgement = String.join(" and ", opposite) + " moved the other way from " + subject
                    + ": consistent with a zero-sum trade, not proof of one";
        }
        return String.join(" and ", parts) + ": " + judgement + " (triad verdict " + verdict + ")";
    }

    private static String trend(Alert.OtherDyad o) {
        double end = o.score();
        double start = end - o.changeInWindow();
        if (start > NEAR_ZERO && end > NEAR_ZERO) {
            return "stayed positive";
        }
        if (start < -NEAR_ZERO && end < -NEAR_ZERO) {
            return "stayed negative";
        }
        if (end > NEAR_ZERO) {
            return "turned positive";
        }
        if (end < -NEAR_ZERO) {
            return "turned negative";
        }
        return "stayed near zero";
    }
}
