package io.triadwatch.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A watched set of three actors.
 *
 * @param id     the three actors sorted and joined by {@code -}, e.g. {@code CHN-PRK-RUS}
 * @param actors the three actors, sorted
 * @param pivot  the configured pivot, optional (else the analyzer computes one)
 * @param label  a display label, optional
 */
public record Triad(String id, List<String> actors, String pivot, String label) {

    public Triad {
        actors = Actors.requireDistinct(actors, 3, "$.actors");
        if (actors.size() != 3) {
            throw new InvalidFieldException("$.actors", "a triad has exactly 3 actors, got " + actors.size());
        }
        actors = actors.stream().sorted().toList();
        String expected = String.join("-", actors);
        if (id == null || !id.equals(expected)) {
            throw new InvalidFieldException("$.id", "triad id must be the sorted actors joined by '-': expected " + expected + ", got " + id);
        }
        pivot = Actors.optional(pivot, "$.pivot");
        if (pivot != null && !actors.contains(pivot)) {
            throw new InvalidFieldException("$.pivot", "pivot " + pivot + " is not one of " + actors);
        }
        label = EventFields.text(label, "$.label", false);
    }

    /** @return a triad of three actors in any order */
    public static Triad of(String a, String b, String c) {
        List<String> sorted = java.util.stream.Stream.of(a, b, c).sorted().toList();
        return new Triad(String.join("-", sorted), sorted, null, null);
    }

    /** @return the triad's three dyads, sorted */
    public List<Dyad> dyads() {
        return List.of(Dyad.of(actors.get(0), actors.get(1)), Dyad.of(actors.get(0), actors.get(2)), Dyad.of(actors.get(1), actors.get(2)));
    }

    /** @return true when {@code dyad} is one of the three */
    public boolean contains(Dyad dyad) {
        return actors.contains(dyad.first()) && actors.contains(dyad.second());
    }

    @Override
    public String toString() {
        return actors.stream().collect(Collectors.joining("-"));
    }
}
