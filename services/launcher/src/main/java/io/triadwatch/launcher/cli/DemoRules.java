package io.triadwatch.launcher.cli;

import java.util.List;

/** The alert rules the demo publishes: the alerter's documented defaults. */
final class DemoRules {
    private DemoRules() {
    }

    static List<String> lines() {
        return List.of(); // wired to the alerter's DefaultRules when it lands
    }
}
