package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.Severity;
import java.util.Locale;

/**
 * The alerter's one severity function: what an alert's severity is and the one line that says why
 * (docs/analytic-model.md §7 has the table).
 * <ol>
 *   <li><b>The move against the subject's own history.</b> A move the history calls ordinary (z below
 *       {@link #warningZ()}) is info and the reason says so ("this is not unusual for CHN-PRK");
 *       z ≥ {@link #warningZ()} is a warning, z ≥ {@link #criticalZ()} critical. Without a z-score the
 *       percentile is used with its normal-distribution equivalents (84th, 97.5th). With fewer than
 *       {@link #minHistory()} earlier moves nothing can be called ordinary: a warning.</li>
 *   <li><b>Floors</b> from what the move reaches, whatever its size: a rank gap against the occasion
 *       baseline of at least {@link #rankWarningGap()} is a warning and of at least
 *       {@link #rankCriticalGap()} critical; a record level (the highest or lowest score of the dyad's
 *       kept history) is a warning; a veto is a warning. The severity is the highest of the move's and
 *       the floors'.</li>
 *   <li><b>Transient.</b> A single event that undoes a single earlier move within the window is the
 *       seed article's second trap (a transient incident): info whatever the above, labelled
 *       "transient".</li>
 *   <li><b>Weak edge.</b> A structural change (balance flip) whose weakest edge is within twice the dead
 *       band's exit margin rests on a tie one or two routine events from neutral: info whatever the
 *       above, labelled "on a weak edge".</li>
 * </ol>
 * The reason names what decided the severity first; when a floor raised it, the move's own judgement
 * follows, so "not unusual as a move" stays visible next to "a rank drop".
 *
 * @param warningZ        z-score from which a move is a warning
 * @param criticalZ       z-score from which a move is critical
 * @param minHistory      earlier moves needed to judge a move at all
 * @param rankWarningGap  |gap| of protocol weight against the occasion baseline from which a rank change is a warning
 * @param rankCriticalGap |gap| from which a rank change is critical
 */
public record SeverityScale(double warningZ, double criticalZ, int minHistory, double rankWarningGap, double rankCriticalGap) {
    /**
     * z ≥ 1 warning, z ≥ 2 critical, at least 3 earlier moves; a rank gap of 0.05 (the analyzer's own
     * DROP/RISE band, about five places in a 25-member Politburo) a warning, 0.20 (a whole
     * {@code LEADERSHIP} tier band, a Politburo member replaced by a minister) critical.
     */
    public static final SeverityScale DEFAULT = new SeverityScale(1.0, 2.0, 3, 0.05, 0.20);

    private static final double WARNING_PERCENTILE = 84.0;
    private static final double CRITICAL_PERCENTILE = 97.5;

    public SeverityScale {
        if (!(warningZ < criticalZ)) {
            throw new IllegalArgumentException("warningZ must be below criticalZ, got " + warningZ + " and " + criticalZ);
        }
        if (minHistory < 1) {
            throw new IllegalArgumentException("minHistory must be at least 1, got " + minHistory);
        }
        if (!(rankWarningGap > 0 && rankWarningGap < rankCriticalGap)) {
            throw new IllegalArgumentException("need 0 < rankWarningGap < rankCriticalGap, got " + rankWarningGap + " and " + rankCriticalGap);
        }
    }

    /** The default rank gaps with the given z-scores and history length. */
    public SeverityScale(double warningZ, double criticalZ, int minHistory) {
        this(warningZ, criticalZ, minHistory, DEFAULT_RANK_WARNING_GAP, DEFAULT_RANK_CRITICAL_GAP);
    }

    private static final double DEFAULT_RANK_WARNING_GAP = 0.05;
    private static final double DEFAULT_RANK_CRITICAL_GAP = 0.20;

    /**
     * Judges one move by its size alone (the first row of the table).
     *
     * @param subject    the dyad or triad, for the wording
     * @param move       the size of the move (absolute)
     * @param stats      the subject's earlier moves, or null when unknown
     * @param givenZ     a z-score computed upstream for exactly this move, preferred when present
     * @param givenPct   a percentile computed upstream for exactly this move, preferred when present
     * @return the severity and its reason; never null
     */
    public Judgement judge(String subject, double move, MoveStats stats, Double givenZ, Double givenPct) {
        return judge(Evidence.move(subject, move, stats, givenZ, givenPct));
    }

    /**
     * Judges a move with everything known about it.
     *
     * @param e the evidence
     * @return the severity and its one-line reason; never null
     */
    public Judgement judge(Evidence e) {
        Judgement judged = bySize(e);
        judged = raise(judged, rankFloor(e));
        judged = raise(judged, e.record() == null ? null : new Judgement(Severity.WARNING, e.record()));
        judged = raise(judged, e.veto() == null ? null : new Judgement(Severity.WARNING, e.veto()));
        if (e.weakEdge() != null) {
            return new Judgement(Severity.INFO, "on a weak edge: " + e.weakEdge()
                    + (judged.severity() == Severity.INFO ? "" : " (else " + judged.severity().label() + ": " + judged.reason() + ")"));
        }
        if (e.transientReason() != null) {
            return new Judgement(Severity.INFO, "transient: " + e.transientReason()
                    + (judged.severity() == Severity.INFO ? "" : " (else " + judged.severity().label() + ": " + judged.reason() + ")"));
        }
        return judged;
    }

    private Judgement bySize(Evidence e) {
        long count = e.stats() == null ? 0 : e.stats().count();
        if (count < minHistory) {
            return new Judgement(Severity.WARNING, String.format(Locale.ROOT,
                    "%s has %d earlier move%s, too few to tell an ordinary move (of %.2f) from an unusual one",
                    e.subject(), count, count == 1 ? "" : "s", e.move()));
        }
        Double z = e.givenZ() != null ? e.givenZ() : e.stats().zScoreOf(e.move());
        Double pct = e.givenPct() != null ? e.givenPct() : e.stats().percentileOf(e.move());
        String evidence = evidence(e.move(), z, pct, count);
        Severity severity = z != null ? byZ(z) : pct != null ? byPercentile(pct) : Severity.WARNING;
        return switch (severity) {
            case INFO -> new Judgement(severity, "this is not unusual for " + e.subject() + ": " + evidence);
            case WARNING -> new Judgement(severity, "an unusual move for " + e.subject() + ": " + evidence);
            case CRITICAL -> new Judgement(severity, "an exceptional move for " + e.subject() + ": " + evidence);
        };
    }

    private Judgement rankFloor(Evidence e) {
        if (e.rankGap() == null) {
            return null;
        }
        double gap = Math.abs(e.rankGap());
        Severity severity = gap >= rankCriticalGap ? Severity.CRITICAL : gap >= rankWarningGap ? Severity.WARNING : Severity.INFO;
        return new Judgement(severity, String.format(Locale.ROOT,
                "a delegation %.3f of protocol weight %s its occasion baseline (%sa warning from %.2f, critical from %.2f)",
                gap, e.rankGap() < 0 ? "below" : "above", e.rankBaseline() == null ? "" : e.rankBaseline() + "; ",
                rankWarningGap, rankCriticalGap));
    }

    /** The floor wins when it is higher; its reason then leads and the move's own judgement follows. */
    private static Judgement raise(Judgement judged, Judgement floor) {
        if (floor == null || floor.severity().compareTo(judged.severity()) <= 0) {
            return judged;
        }
        return new Judgement(floor.severity(), floor.reason() + "; as a move: " + judged.reason());
    }

    private Severity byZ(double z) {
        return z >= criticalZ ? Severity.CRITICAL : z >= warningZ ? Severity.WARNING : Severity.INFO;
    }

    private static Severity byPercentile(double pct) {
        return pct >= CRITICAL_PERCENTILE ? Severity.CRITICAL : pct >= WARNING_PERCENTILE ? Severity.WARNING : Severity.INFO;
    }

    private static String evidence(double move, Double z, Double pct, long count) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "a move of %.2f against its %d earlier moves (", move, count));
        if (z != null) {
            text.append(String.format(Locale.ROOT, "z=%.1f", z));
        }
        if (pct != null) {
            text.append(z != null ? ", " : "").append(String.format(Locale.ROOT, "larger than %.0f%% of them", pct));
        }
        if (z == null && pct == null) {
            text.append("no spread to compare with");
        }
        return text.append(')').toString();
    }

    /**
     * What is known about one move, for {@link #judge(Evidence)}.
     *
     * @param subject         the dyad or triad, for the wording
     * @param move            the size of the move (absolute)
     * @param stats           the subject's earlier moves, or null when unknown
     * @param givenZ          a z-score computed upstream for exactly this move, or null
     * @param givenPct        a percentile computed upstream for exactly this move, or null
     * @param rankGap         the signed protocol-weight gap against the occasion baseline, or null
     * @param rankBaseline    the baseline in words (e.g. "2013: Li Yuanchao, 0.544"), or null
     * @param record          "a record high for …" when the move takes the score to a record level, else null
     * @param veto            "a veto …" when the move comes from a veto, else null
     * @param transientReason why the move is transient (it undoes a single earlier move), else null
     * @param weakEdge        the weak edge a structural change rests on, in words, else null
     */
    public record Evidence(String subject, double move, MoveStats stats, Double givenZ, Double givenPct, Double rankGap,
                           String rankBaseline, String record, String veto, String transientReason, String weakEdge) {
        /** @return evidence of a move's size alone */
        public static Evidence move(String subject, double move, MoveStats stats, Double givenZ, Double givenPct) {
            return new Evidence(subject, move, stats, givenZ, givenPct, null, null, null, null, null, null);
        }

        /** @return this evidence with a rank gap against its occasion baseline */
        public Evidence withRankGap(double gap, String baseline) {
            return new Evidence(subject, move, stats, givenZ, givenPct, gap, baseline, record, veto, transientReason, weakEdge);
        }

        /** @return this evidence with a record level (null for none) */
        public Evidence withRecord(String value) {
            return new Evidence(subject, move, stats, givenZ, givenPct, rankGap, rankBaseline, value, veto, transientReason, weakEdge);
        }

        /** @return this evidence with a veto (null for none) */
        public Evidence withVeto(String value) {
            return new Evidence(subject, move, stats, givenZ, givenPct, rankGap, rankBaseline, record, value, transientReason, weakEdge);
        }

        /** @return this evidence marked transient (null for not) */
        public Evidence withTransient(String value) {
            return new Evidence(subject, move, stats, givenZ, givenPct, rankGap, rankBaseline, record, veto, value, weakEdge);
        }

        /** @return this evidence resting on a weak edge (null for none) */
        public Evidence withWeakEdge(String value) {
            return new Evidence(subject, move, stats, givenZ, givenPct, rankGap, rankBaseline, record, veto, transientReason, value);
        }
    }

    /**
     * A severity with the reason behind it.
     *
     * @param severity the severity
     * @param reason   why, in one line
     */
    public record Judgement(Severity severity, String reason) {
    }
}
