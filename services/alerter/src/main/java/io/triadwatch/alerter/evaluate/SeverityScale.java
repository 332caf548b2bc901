package io.triadwatch.alerter.evaluate;

import io.triadwatch.model.Severity;
import java.util.Locale;

/**
 * Maps a move, judged against its subject's own history of moves, to a severity. A move the history
 * calls ordinary (z below {@link #warningZ()}) is at most {@link Severity#INFO}, and the reason says
 * so in words ("this is not unusual for CHN-PRK"). Without a z-score the percentile is used with the
 * normal-distribution equivalents (84th for z=1, 97.5th for z=2). With fewer than
 * {@link #minHistory()} earlier moves nothing can be called ordinary: the move is a warning.
 *
 * @param warningZ   z-score from which a move is a warning
 * @param criticalZ  z-score from which a move is critical
 * @param minHistory earlier moves needed to judge a move at all
 */
public record SeverityScale(double warningZ, double criticalZ, int minHistory) {
    /** z ≥ 1 warning, z ≥ 2 critical, at least 3 earlier moves. */
    public static final SeverityScale DEFAULT = new SeverityScale(1.0, 2.0, 3);

    private static final double WARNING_PERCENTILE = 84.0;
    private static final double CRITICAL_PERCENTILE = 97.5;

    public SeverityScale {
        if (!(warningZ < criticalZ)) {
            throw new IllegalArgumentException("warningZ must be below criticalZ, got " + warningZ + " and " + criticalZ);
        }
        if (minHistory < 1) {
            throw new IllegalArgumentException("minHistory must be at least 1, got " + minHistory);
        }
    }

    /**
     * Judges one move.
     *
     * @param subject    the dyad or triad, for the wording
     * @param move       the size of the move (absolute)
     * @param stats      the subject's earlier moves, or null when unknown
     * @param givenZ     a z-score computed upstream for exactly this move, preferred when present
     * @param givenPct   a percentile computed upstream for exactly this move, preferred when present
     * @return the severity and its reason; never null
     */
    public Judgement judge(String subject, double move, MoveStats stats, Double givenZ, Double givenPct) {
        long count = stats == null ? 0 : stats.count();
        if (count < minHistory) {
            return new Judgement(Severity.WARNING, String.format(Locale.ROOT,
                    "%s has %d earlier move%s, too few to tell an ordinary move (of %.2f) from an unusual one",
                    subject, count, count == 1 ? "" : "s", move));
        }
        Double z = givenZ != null ? givenZ : stats.zScoreOf(move);
        Double pct = givenPct != null ? givenPct : stats.percentileOf(move);
        String evidence = evidence(move, z, pct, count);
        Severity severity = z != null ? byZ(z) : pct != null ? byPercentile(pct) : Severity.WARNING;
        return switch (severity) {
            case INFO -> new Judgement(severity, "this is not unusual for " + subject + ": " + evidence);
            case WARNING -> new Judgement(severity, "an unusual move for " + subject + ": " + evidence);
            case CRITICAL -> new Judgement(severity, "an exceptional move for " + subject + ": " + evidence);
        };
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
     * A severity with the reason behind it.
     *
     * @param severity the severity
     * @param reason   why, in words
     */
    public record Judgement(Severity severity, String reason) {
    }
}
