package io.triadwatch.http;

import java.util.Objects;

/**
 * The health of one component.
 *
 * @param up     true when it works
 * @param detail what it is doing or why it is down, e.g. {@code RUNNING}, {@code REBALANCING}
 */
public record ComponentHealth(boolean up, String detail) {
    public ComponentHealth {
        Objects.requireNonNull(detail, "detail");
    }

    /** @return an UP health */
    public static ComponentHealth up(String detail) {
        return new ComponentHealth(true, detail);
    }

    /** @return a DOWN health */
    public static ComponentHealth down(String detail) {
        return new ComponentHealth(false, detail);
    }
}
