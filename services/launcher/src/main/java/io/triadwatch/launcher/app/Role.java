package io.triadwatch.launcher.app;

import java.util.EnumSet;
import java.util.Set;

/** What a Triadwatch process runs. Every role serves /metrics, /health and /ready. */
public enum Role {
    /** HTTP event ingest ({@code POST /api/events}). */
    INGEST,
    /** The analyzer Streams app and the dyad/triad queries. */
    ANALYZER,
    /** The alerter Streams app. */
    ALERTER,
    /** The alerts API, SSE stream, pushes and the dashboard. */
    API,
    /** All of the above. */
    ALL;

    /** @return the concrete roles {@code roles} stands for */
    public static Set<Role> expand(Set<Role> roles) {
        return roles.contains(ALL) ? EnumSet.of(INGEST, ANALYZER, ALERTER, API) : EnumSet.copyOf(roles);
    }
}
