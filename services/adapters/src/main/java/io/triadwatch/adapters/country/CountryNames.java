package io.triadwatch.adapters.country;

import io.triadwatch.adapters.input.Inputs;
import io.triadwatch.model.Actors;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps English country names to ISO 3166-1 alpha-3 codes.
 * <p>
 * Two sources, in order: the table {@code country-names.tsv} next to this class (names the JDK
 * lacks or words differently, e.g. {@code Russian Federation}, {@code Occupied Palestinian
 * Territory}, {@code Viet Nam}), then the English display name of every ISO country the JDK knows
 * ({@code Locale#getDisplayCountry(Locale.ENGLISH)}, e.g. {@code China}, {@code North Korea}).
 * Names are compared after {@link #normalize normalisation}, so {@code Côte d’Ivoire} and
 * {@code Cote d'Ivoire} are the same name. Every code returned passes {@link Actors#isKnown}.
 * <p>
 * Immutable and thread-safe; {@link #standard()} is loaded once.
 */
public final class CountryNames {
    private static final String TABLE = "country-names.tsv";
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final CountryNames STANDARD = load();

    private final Map<String, String> byName;

    private CountryNames(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** @return the shared instance: the override table plus the JDK names */
    public static CountryNames standard() {
        return STANDARD;
    }

    /**
     * @param name a country name in English, e.g. {@code Russian Federation}
     * @return its alpha-3 code, or empty when the name is blank or not a known country
     */
    public Optional<String> code(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(normalize(name)));
    }

    /**
     * The comparison form of a name: accents removed, lower case, curly apostrophes straight,
     * {@code &} as {@code and}, {@code St.} as {@code saint}, no leading {@code the}, single spaces.
     */
    public static String normalize(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD);
        s = COMBINING.matcher(s).replaceAll("");
        s = s.replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        s = SPACES.matcher(s.toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
        s = s.replace(" & ", " and ");
        if (s.startsWith("st. ")) {
            s = "saint " + s.substring(4);
        }
        if (s.startsWith("the ")) {
            s = s.substring(4);
        }
        return s;
    }

    private static CountryNames load() {
        Map<String, String> names = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale country = new Locale("", alpha2);
            String alpha3 = country.getISO3Country();
            if (Actors.isKnown(alpha3)) {
                names.put(normalize(country.getDisplayCountry(Locale.ENGLISH)), alpha3);
            }
        }
        int lineNumber = 0;
        for (String line : Inputs.resourceLines(CountryNames.class, TABLE)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("	");
            if (cols.length < 2 || !Actors.isKnown(cols[1])) {
                throw new IllegalStateException(TABLE + " line " + lineNumber + ": expected 'name<TAB>ISO alpha-3', got '" + line + "'");
            }
            names.put(normalize(cols[0]), cols[1]);
        }
        return new CountryNames(names);
    }
}
