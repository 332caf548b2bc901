package io.triadwatch.alerter.lifecycle;

import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.alerter.evaluate.OpenEpisode;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import java.time.Instant;
import java.util.Objects;

/**
 * The lifecycle of one fingerprint (rule + subject), the value of the lifecycle stores. It outlives
 * its episodes: the episode counter and the last event key stay after an episode resolves, so that a
 * redelivered state cannot open the same episode again.
 *
 * @param rule         rule id
 * @param type         the rule type the entry was opened under
 * @param subject      dyad or triad id
 * @param phase        inactive, pending or firing
 * @param episodes     how many episodes have fired so far
 * @param since        pending: when the condition began; firing: when the episode started
 * @param clearedSince firing (continuous rules): when the condition cleared, while keepFiringFor runs
 * @param deadline     the next event time at which the entry must be looked at without a new state, or null
 * @param series       point rules: the series of the open or last episode
 * @param eventKey     point rules: the event that opened the open or last episode
 * @param before       point rules: the value before that event
 * @param finding      pending: the candidate; firing: the latest finding
 * @param firing       firing: the FIRING record emitted for the episode
 */
public record LifecycleEntry(String rule, AlertRule.Type type, String subject, Phase phase, long episodes,
                             Instant since, Instant clearedSince, Instant deadline, String series, String eventKey,
                             String before, Finding finding, Alert firing) {

    /** Where a fingerprint stands. RESOLVED is a transition back to INACTIVE, carried on the topic. */
    public enum Phase { INACTIVE, PENDING, FIRING }

    public LifecycleEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(phase, "phase");
    }

    /** @return a new, inactive entry */
    public static LifecycleEntry fresh(String rule, AlertRule.Type type, String subject) {
        return new LifecycleEntry(rule, type, subject, Phase.INACTIVE, 0, null, null, null, null, null, null, null, null);
    }

    /** @return the alert fingerprint */
    public String fingerprint() {
        return Alert.fingerprint(rule, subject);
    }

    /** @return the open episode as point rules see it, or null when inactive */
    public OpenEpisode openEpisode() {
        return phase == Phase.INACTIVE ? null : new OpenEpisode(series, before);
    }

    /**
     * @param newType the rule's new type
     * @return an inactive entry for the same fingerprint under another rule type, keeping the episode count
     */
    public LifecycleEntry retyped(AlertRule.Type newType) {
        return new LifecycleEntry(rule, newType, subject, Phase.INACTIVE, episodes, null, null, null, null, null, null, null, null);
    }

    /** @return this entry without a deadline */
    public LifecycleEntry withoutDeadline() {
        return withDeadline(null);
    }

    LifecycleEntry withDeadline(Instant value) {
        return new LifecycleEntry(rule, type, subject, phase, episodes, since, clearedSince, value, series, eventKey, before, finding, firing);
    }

    LifecycleEntry withFinding(Finding value) {
        return new LifecycleEntry(rule, type, subject, phase, episodes, since, clearedSince, deadline, series, eventKey, before, value, firing);
    }

    LifecycleEntry withClearedSince(Instant value) {
        return new LifecycleEntry(rule, type, subject, phase, episodes, since, value, deadline, series, eventKey, before, finding, firing);
    }

    LifecycleEntry pending(Instant at, Finding candidate, String newSeries, String newEventKey, String newBefore) {
        return new LifecycleEntry(rule, type, subject, Phase.PENDING, episodes, at, null, null, newSeries, newEventKey, newBefore, candidate, null);
    }

    LifecycleEntry firing(Instant startsAt, Finding latest, Alert record) {
        return new LifecycleEntry(rule, type, subject, Phase.FIRING, episodes + 1, startsAt, null, null, series, eventKey, before, latest, record);
    }

    LifecycleEntry inactive() {
        return new LifecycleEntry(rule, type, subject, Phase.INACTIVE, episodes, null, null, null, series, eventKey, before, null, null);
    }

    LifecycleEntry episodeOf(String newSeries, String newEventKey, String newBefore) {
        return new LifecycleEntry(rule, type, subject, phase, episodes, since, clearedSince, deadline, newSeries, newEventKey, newBefore, finding, firing);
    }
}
