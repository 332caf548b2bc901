package io.triadwatch.analyzer.impulse;

import io.triadwatch.model.Official;
import java.time.Instant;
import java.util.Optional;

/**
 * The officials registry as of a point in time: the version of an official that held at an
 * event's time, so that a replay of 2013 finds the 2013 rank even after later versions exist.
 */
@FunctionalInterface
public interface OfficialsLookup {
    /** A registry with nobody in it. */
    OfficialsLookup EMPTY = (officialId, name, country, at) -> Optional.empty();

    /**
     * Finds the version valid at {@code at}: by {@code officialId} when given; when that finds
     * none (or no id is given), by name (case and spacing ignored) and country. When several
     * versions hold, the latest {@code validFrom} wins.
     *
     * @param officialId registry id, or null
     * @param name       the delegation head's name
     * @param country    the delegation's country (the visit's guest)
     * @param at         the event time
     */
    Optional<Official> asOf(String officialId, String name, String country, Instant at);
}
