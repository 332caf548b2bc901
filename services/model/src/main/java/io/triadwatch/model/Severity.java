package io.triadwatch.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Alert severity, lowest first. Serialized in lower case as Alertmanager and dashboards expect. */
public enum Severity {
    @JsonProperty("info") INFO,
    @JsonProperty("warning") WARNING,
    @JsonProperty("critical") CRITICAL;

    /** @return the lower-case label */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
