package io.triadwatch.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An unordered pair of distinct actors, always held sorted so that {@code CHN-PRK} and
 * {@code PRK-CHN} are the same dyad. Its {@link #id()} is the Kafka key of the dyad-state topic.
 *
 * @param first  the alphabetically first actor
 * @param second the alphabetically second actor
 */
public record Dyad(String first, String second) implements Comparable<Dyad> {
    // Compiled once: these checks run for every event decoded.
    private static final Pattern DYAD_ID = Pattern.compile("[A-Z]{3}-[A-Z]{3}");

    public Dyad {
        Actors.require(first, "$.dyad[0]");
        Actors.require(second, "$.dyad[1]");
        if (first.compareTo(second) >= 0) {
            throw new InvalidFieldException("$.dyad", "a dyad holds two distinct actors in sorted order, got " + first + "-" + second + " (use Dyad.of)");
        }
    }

    /** @return the dyad of two distinct actors, in either order */
    public static Dyad of(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) {
            throw new InvalidFieldException("$.dyad", "a dyad needs two distinct actors, got " + a + " twice");
        }
        return a.compareTo(b) < 0 ? new Dyad(a, b) : new Dyad(b, a);
    }

    /** Parses {@code CHN-PRK} or {@code PRK-CHN}. */
    public static Dyad parse(String id) {
        if (id == null || !DYAD_ID.matcher(id).matches()) {
            throw new InvalidFieldException("$.dyad", "'" + id + "' is not a dyad id like CHN-PRK");
        }
        return of(id.substring(0, 3), id.substring(4));
    }

    /** @return true when {@code actor} is one of the two */
    public boolean contains(String actor) {
        return first.equals(actor) || second.equals(actor);
    }

    /** @return the actor other than {@code actor} */
    public String other(String actor) {
        if (first.equals(actor)) {
            return second;
        }
        if (second.equals(actor)) {
            return first;
        }
        throw new IllegalArgumentException(actor + " is not in " + id());
    }

    /** @return the sorted id, e.g. {@code CHN-PRK} */
    public String id() {
        return first + "-" + second;
    }

    @Override
    public int compareTo(Dyad o) {
        return id().compareTo(o.id());
    }

    @Override
    public String toString() {
        return id();
    }
}
