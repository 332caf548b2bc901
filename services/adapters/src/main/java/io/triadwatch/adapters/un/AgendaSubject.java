package io.triadwatch.adapters.un;

import io.triadwatch.adapters.country.CountryNames;
import io.triadwatch.model.UnVote.YesMeans;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the subject of a Security Council vote from its agenda item, and what a YES means for it.
 * <p>
 * <b>Subject.</b> An agenda item names a subject only in these shapes (case does not matter; a
 * trailing parenthesis such as {@code (concerning the 2019 presidential crisis)} is dropped first):
 * <ul>
 * <li>{@code The situation in X}, {@code The situation concerning X}, {@code Situation in X},
 *     {@code The question concerning X}, {@code Question concerning the situation in X},
 *     {@code The question of X};</li>
 * <li>{@code Maintenance of peace and security of X}; {@code Sanctions against X};</li>
 * <li>{@code Admission of new Members X}, {@code Application(s) for membership X};</li>
 * <li>{@code A/X} or {@code A - X}, e.g. {@code Non-proliferation/Democratic People's Republic of
 *     Korea}, {@code Middle East - Syria};</li>
 * <li>the item is itself a country name, e.g. {@code Cyprus}.</li>
 * </ul>
 * where X (without a leading "the") must be exactly one country name known to {@link CountryNames}.
 * So {@code The situation in the Middle East}, {@code The situation between Iraq and Kuwait} and
 * {@code Reports of the Secretary-General on the Sudan and South Sudan} have no subject: a region or
 * two countries is not one actor. Letters and complaints ({@code Letter dated ... from the Permanent
 * Representative of Ukraine ...}) have none either, on purpose: the country they name is the
 * author, not necessarily the subject.
 * <p>
 * <b>What YES means.</b> {@link YesMeans#AGAINST_SUBJECT} when the item speaks of sanctions or
 * non-proliferation (measures imposed on the subject). {@link YesMeans#FOR_SUBJECT} for admission
 * and membership items and for {@code Maintenance of peace and security of X} (the Council acting
 * for X). Otherwise {@link YesMeans#AGAINST_SUBJECT}, the contract's default: a country item puts
 * that country's situation under the Council's threat-to-peace agenda, and the drafts that split the
 * Council under such items (Syria, Venezuela 2019, Myanmar) press the subject's government. The
 * adapter does not read draft texts, so this is a reading of the agenda item, not of each draft;
 * unanimous votes, the bulk of them, carry no split whichever way they are read.
 */
final class AgendaSubject {
    private static final Pattern TRAILING_PARENTHESIS = Pattern.compile("\\s*\\(.*\\)\\s*$");
    private static final List<Pattern> PREFIXES = List.of(
            Pattern.compile("^(?:the )?situation (?:in|concerning) (.+)$"),
            Pattern.compile("^(?:the )?question concerning (?:the situation in )?(.+)$"),
            Pattern.compile("^(?:the )?question of (.+)$"),
            Pattern.compile("^maintenance of peace and security of (.+)$"),
            Pattern.compile("^sanctions against (.+)$"),
            Pattern.compile("^admission of new members (.+)$"),
            Pattern.compile("^applications? for membership (.+)$"));
    private static final Pattern SEGMENT = Pattern.compile("^.+(?:/| - )(.+)$");

    /**
     * The reading of one agenda item.
     *
     * @param subject  the ISO alpha-3 subject, or null
     * @param yesMeans what a YES means for it, or null when there is no subject
     */
    record Reading(String subject, YesMeans yesMeans) {
        static final Reading NONE = new Reading(null, null);
    }

    private final CountryNames countries;

    AgendaSubject(CountryNames countries) {
        this.countries = countries;
    }

    /** @return the subject and the meaning of YES, or {@link Reading#NONE} */
    Reading read(String agendaItem) {
        if (agendaItem == null || agendaItem.isBlank()) {
            return Reading.NONE;
        }
        String item = TRAILING_PARENTHESIS.matcher(agendaItem.trim()).replaceFirst("");
        String lower = CountryNames.normalize(item);
        Optional<String> subject = subject(lower);
        return subject.map(code -> new Reading(code, yesMeans(lower))).orElse(Reading.NONE);
    }

    private Optional<String> subject(String item) {
        for (Pattern prefix : PREFIXES) {
            Matcher m = prefix.matcher(item);
            if (m.matches()) {
                return countries.code(m.group(1));
            }
        }
        Matcher segment = SEGMENT.matcher(item);
        if (segment.matches()) {
            return countries.code(segment.group(1));
        }
        return countries.code(item);
    }

    private static YesMeans yesMeans(String item) {
        String lower = item.toLowerCase(Locale.ROOT);
        if (lower.contains("sanction") || lower.contains("non-proliferation")) {
            return YesMeans.AGAINST_SUBJECT;
        }
        if (lower.startsWith("admission") || lower.startsWith("application") || lower.startsWith("maintenance of peace and security of")) {
            return YesMeans.FOR_SUBJECT;
        }
        return YesMeans.AGAINST_SUBJECT;
    }
}
