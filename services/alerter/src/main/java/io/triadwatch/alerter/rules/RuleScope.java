package io.triadwatch.alerter.rules;

import io.triadwatch.model.AlertRule;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a rule's scope covers a subject. An empty scope covers everything; otherwise a subject is
 * covered when it matches any of the scope's non-empty lists:
 * <ul>
 *   <li>{@code actors}: the dyad or triad contains one of the actors;</li>
 *   <li>{@code dyads}: the dyad is listed, or the triad contains a listed dyad;</li>
 *   <li>{@code triads}: the triad is listed, or the dyad is one of a listed triad's dyads.</li>
 * </ul>
 */
public final class RuleScope {
    private RuleScope() {
    }

    /**
     * @param rule    the rule
     * @param subject a dyad id ({@code CHN-PRK}) or a triad id ({@code CHN-PRK-RUS})
     * @return true when the rule applies to the subject
     */
    public static boolean covers(AlertRule rule, String subject) {
        AlertRule.Scope scope = rule.scope();
        if (scope == null || scope.isEmpty()) {
            return true;
        }
        List<String> actors = Arrays.asList(subject.split("-"));
        return scope.actors().stream().anyMatch(actors::contains)
                || scope.dyads().stream().anyMatch(d -> subject.equals(d) || actors.containsAll(Arrays.asList(d.split("-"))))
                || scope.triads().stream().anyMatch(t -> subject.equals(t) || Arrays.asList(t.split("-")).containsAll(actors));
    }
}
