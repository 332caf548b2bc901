package io.triadwatch.model;

import java.time.Duration;
import java.util.List;

/**
 * An alert rule, the value of the compacted {@code triadwatch.rules.v1} topic (key = {@link #id()}).
 * Rules are data: editing the topic changes what the alerter does at run time.
 *
 * @param threshold     |Δscore| for {@code DYAD_SHIFT}, the protocol-weight gap for rank rules, the
 *                      agreement rate for {@code VOTE_SPLIT}; unused by the structural rules
 * @param window        how far back a shift is measured, optional
 * @param pendingFor    how long (event time) a condition must hold before it fires; zero by default
 * @param keepFiringFor how long (event time) a firing alert stays firing after its condition clears
 * @param hysteresis    the value must fall below {@code threshold - hysteresis} to resolve
 * @param triggerKinds  event kinds (or the pseudo-kind {@code RANK_DROP}) a shift must be triggered by;
 *                      empty = any
 * @param scope         actors, dyads or triads the rule is limited to; null = everything
 * @param minSeverity   alerts below this severity are not emitted; null = all
 * @param deadBandEnter structural rules: a signed edge whose |score| falls below this becomes neutral; null = the
 *                      alerter's default
 * @param deadBandExit  structural rules: a neutral edge takes a sign once its |score| reaches this (at least
 *                      {@code deadBandEnter}); null = the alerter's default
 */
public record AlertRule(String id, Type type, Boolean enabled, String description, Double threshold, Duration window,
                        Duration pendingFor, Duration keepFiringFor, Double hysteresis, List<String> triggerKinds,
                        Scope scope, Severity minSeverity, Double deadBandEnter, Double deadBandExit) {

    /** What the rule watches. */
    public enum Type { DYAD_SHIFT, RANK_DROP, RANK_RISE, VOTE_SPLIT, TRIAD_BALANCE_FLIP, PIVOT_CHANGE }

    /**
     * Limits a rule to some subjects; every list may be empty.
     *
     * @param actors a dyad or triad matches when it contains any of these actors
     * @param dyads  dyad ids such as {@code CHN-PRK}
     * @param triads triad ids such as {@code CHN-PRK-RUS}
     */
    public record Scope(List<String> actors, List<String> dyads, List<String> triads) {
        public Scope {
            actors = actors == null ? List.of() : List.copyOf(actors);
            dyads = dyads == null ? List.of() : dyads.stream().map(d -> Dyad.parse(d).id()).toList();
            triads = triads == null ? List.of() : List.copyOf(triads);
            for (int i = 0; i < actors.size(); i++) {
                Actors.require(actors.get(i), "$.scope.actors[" + i + "]");
            }
        }

        /** @return true when nothing limits the rule (not part of the JSON) */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEmpty() {
            return actors.isEmpty() && dyads.isEmpty() && triads.isEmpty();
        }
    }

    public AlertRule {
        if (id == null || !id.matches("[a-z0-9-]{1,128}")) {
            throw new InvalidFieldException("$.id", "must match [a-z0-9-]+, got '" + id + "'");
        }
        EventFields.required(type, "$.type");
        enabled = enabled == null || enabled;
        if (threshold != null && (threshold.isNaN() || threshold < 0)) {
            throw new InvalidFieldException("$.threshold", "must be at least 0, got " + threshold);
        }
        if (hysteresis != null && (hysteresis.isNaN() || hysteresis < 0)) {
            throw new InvalidFieldException("$.hysteresis", "must be at least 0, got " + hysteresis);
        }
        unitInterval(deadBandEnter, "$.deadBandEnter");
        unitInterval(deadBandExit, "$.deadBandExit");
        if (deadBandEnter != null && deadBandExit != null && deadBandExit < deadBandEnter) {
            throw new InvalidFieldException("$.deadBandExit", "must be at least deadBandEnter (" + deadBandEnter + "), got " + deadBandExit);
        }
        pendingFor = nonNegative(pendingFor == null ? Duration.ZERO : pendingFor, "$.pendingFor");
        keepFiringFor = nonNegative(keepFiringFor == null ? Duration.ZERO : keepFiringFor, "$.keepFiringFor");
        window = window == null ? null : nonNegative(window, "$.window");
        triggerKinds = triggerKinds == null ? List.of() : List.copyOf(triggerKinds);
    }

    private static void unitInterval(Double value, String field) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw new InvalidFieldException(field, "must be within 0..1, got " + value);
        }
    }

    private static Duration nonNegative(Duration d, String field) {
        if (d.isNegative()) {
            throw new InvalidFieldException(field, "must not be negative, got " + d);
        }
        return d;
    }
}
