package io.triadwatch.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Actor codes: ISO 3166-1 alpha-3, upper case.
 * <p>
 * The list of valid codes is the one the JDK ships ({@link Locale#getISOCountries(Locale.IsoCountryCode)}),
 * so no table of ours can drift from the standard.
 */
public final class Actors {
    private static final Set<String> ISO_ALPHA3 = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Actors() {
    }

    /** @return true when {@code code} is an ISO 3166-1 alpha-3 code in upper case */
    public static boolean isKnown(String code) {
        return code != null && ISO_ALPHA3.contains(code);
    }

    /**
     * Checks one actor field.
     *
     * @return the code, unchanged
     * @throws InvalidFieldException with {@link RejectReason#SCHEMA} when missing or malformed, or
     *                               {@link RejectReason#UNKNOWN_ACTOR} when well-formed but not a country
     */
    public static String require(String code, String field) {
        if (code == null) {
            throw new InvalidFieldException(field, "required actor is missing");
        }
        // Every ISO code is three upper-case letters: a known code needs no pattern (checked on every dyad and triad built).
        if (ISO_ALPHA3.contains(code)) {
            return code;
        }
        if (!CODE.matcher(code).matches()) {
            throw new InvalidFieldException(field, "'" + code + "' is not an ISO 3166-1 alpha-3 code (three upper-case letters)");
        }
        throw new InvalidFieldException(RejectReason.UNKNOWN_ACTOR, field, "unknown actor '" + code + "': not an ISO 3166-1 alpha-3 country code");
    }

    /** @return {@code code} checked, or null when null */
    public static String optional(String code, String field) {
        return code == null ? null : require(code, field);
    }

    /**
     * Checks a list of distinct actors.
     *
     * @param min the fewest actors allowed
     * @return an immutable copy
     */
    public static List<String> requireDistinct(Collection<String> codes, int min, String field) {
        if (codes == null) {
            throw new InvalidFieldException(field, "required list of actors is missing");
        }
        List<String> copy = List.copyOf(codes);
        for (int i = 0; i < copy.size(); i++) {
            require(copy.get(i), field + "[" + i + "]");
        }
        if (Set.copyOf(copy).size() != copy.size()) {
            throw new InvalidFieldException(field, "actors must be distinct, got " + copy);
        }
        if (copy.size() < min) {
            throw new InvalidFieldException(field, "needs at least " + min + " actors, got " + copy.size());
        }
        return copy;
    }
}
