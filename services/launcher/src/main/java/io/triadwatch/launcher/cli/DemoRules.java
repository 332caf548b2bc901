package io.triadwatch.launcher.cli;

import io.triadwatch.alerter.rules.DefaultRules;
import java.util.List;

/** The alert rules the demo publishes: the alerter's documented defaults. */
final class DemoRules {
    private DemoRules() {
    }

    static List<String> lines() {
        return List.copyOf(DefaultRules.json().values());
    }
}
