package io.triadwatch.adapters.gdelt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The two GDELT event row layouts, told apart by column count. Columns 0-34 (ids, dates, actors,
 * event codes, Goldstein, counts, tone) are the same in both; the geography blocks differ (2.0 adds
 * an ADM2 code to each) and so do DATEADDED's position and precision.
 */
enum GdeltLayout {
    /** GDELT 2.0 event export: 61 columns, DATEADDED {@code yyyyMMddHHmmss} (UTC), SOURCEURL last. */
    V2("GDELT 2.0 event export", 51, 52, 58, 59, 60),
    /** GDELT 1.0 event data: 57 columns, or 58 with SOURCEURL (from April 2013); DATEADDED {@code yyyyMMdd}. */
    V1("GDELT 1.0 event data", 49, 50, 55, 56, 57);

    static final int GLOBAL_EVENT_ID = 0;
    static final int SQLDATE = 1;
    static final int ACTOR1_CODE = 5;
    static final int ACTOR1_NAME = 6;
    static final int ACTOR1_COUNTRY = 7;
    static final int ACTOR2_CODE = 15;
    static final int ACTOR2_NAME = 16;
    static final int ACTOR2_COUNTRY = 17;
    static final int EVENT_CODE = 26;
    static final int GOLDSTEIN = 30;
    static final int NUM_MENTIONS = 31;
    static final int NUM_SOURCES = 32;
    static final int NUM_ARTICLES = 33;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    final String sourceName;
    final int actionGeoType;
    final int actionGeoFullName;
    final int actionGeoFeatureId;
    final int dateAdded;
    final int sourceUrl;

    GdeltLayout(String sourceName, int actionGeoType, int actionGeoFullName, int actionGeoFeatureId, int dateAdded, int sourceUrl) {
        this.sourceName = sourceName;
        this.actionGeoType = actionGeoType;
        this.actionGeoFullName = actionGeoFullName;
        this.actionGeoFeatureId = actionGeoFeatureId;
        this.dateAdded = dateAdded;
        this.sourceUrl = sourceUrl;
    }

    /** @return the layout with this many columns: 61 is 2.0, 57 or 58 is 1.0 */
    static Optional<GdeltLayout> of(int columns) {
        return switch (columns) {
            case 61 -> Optional.of(V2);
            case 57, 58 -> Optional.of(V1);
            default -> Optional.empty();
        };
    }

    /**
     * @return DATEADDED as an instant: 2.0 gives the second the row was added (UTC), 1.0 only the day
     * @throws DateTimeParseException when malformed
     */
    Instant parseDateAdded(String text) {
        return this == V2
                ? LocalDateTime.parse(text, SECOND).toInstant(ZoneOffset.UTC)
                : LocalDate.parse(text, DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * @return SQLDATE ({@code yyyyMMdd}) as a day
     * @throws DateTimeParseException when malformed
     */
    static LocalDate parseDay(String text) {
        return LocalDate.parse(text, DAY);
    }
}
