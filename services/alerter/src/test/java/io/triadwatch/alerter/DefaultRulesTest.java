package io.triadwatch.alerter;

import static io.triadwatch.model.EventKind.SUMMIT;
import static io.triadwatch.model.EventKind.UN_VOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

    @Test
    void shouldShipOneValidRuleOfEveryType() {
        // When the default rules are loaded
        List<AlertRule> rules = DefaultRules.load();

        // Then there is one of each type, with the documented ids
        assertThat(rules).extracting(AlertRule::id).containsExactly(
                "dyad-shift-rank-or-vote", "rank-drop", "rank-rise", "vote-split", "triad-balance-flip", "pivot-change");
        assertThat(rules).extracting(AlertRule::type).containsExactlyInAnyOrder(AlertRule.Type.values());
        assertThat(rules).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(DefaultRules.json()).containsOnlyKeys(rules.stream().map(AlertRule::id).toList());
    }

    @Test
    void shouldRestrictTheDefaultShiftToRankDropsAndVotes() {
        // Given the default rules on the rules topic
        try (AlerterDriver alerter = new AlerterDriver()) {
            DefaultRules.json().forEach(alerter::rule);
            States states = new States();

            // When a summit and then a UN vote each move a dyad by 0.25
            alerter.dyad(states.move("CHN-RUS", "2024-03-01", "summit", SUMMIT, 0.25));
            alerter.dyad(states.move("PRK-RUS", "2024-03-28", "vote", UN_VOTE, 0.25));

            // Then only the vote's move alerts
            assertThat(alerter.alerts()).singleElement().satisfies(a -> {
                assertThat(a.fingerprint()).isEqualTo("dyad-shift-rank-or-vote:PRK-RUS");
                assertThat(a.triggeringEvents()).extracting(Alert.TriggeringEvent::eventId).containsExactly("vote");
            });
        }
    }
}
