package io.triadwatch.serde;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the canonical UTC forms of instants by hand: {@code yyyy-MM-dd} and
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}. Every other text goes to the {@code java.time} parsers, so
 * results and errors are theirs; the hand-written path only takes texts they read to the same
 * instant. Why: the formatter-based parse and print were a third of the alerter's CPU, and nearly
 * every instant on our topics is in the canonical form.
 */
public final class IsoInstants {
    private static final int DATE_LENGTH = 10;
    private static final int SECONDS_LENGTH = 20;
    private static final long SECONDS_PER_DAY = 86_400;
    /** Epoch seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: the four-digit years {@link #format} writes by hand. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
    private static final long FIRST_FIVE_DIGIT_SECOND = 253_402_300_800L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstants() {
    }

    /**
     * Parses an ISO date (as 00:00 UTC) or an ISO instant, exactly as {@link LocalDate#parse} (for ten
     * characters) or {@link Instant#parse} (otherwise) would.
     *
     * @throws DateTimeParseException when it is neither
     */
    public static Instant parse(String text) {
        Instant fast = text.length() == DATE_LENGTH ? fastDate(text) : fastInstant(text);
        if (fast != null) {
            return fast;
        }
        return text.length() == DATE_LENGTH ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    }

    /** @return {@code instant.toString()}, written by hand for the years 0000 to 9999 */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= FIRST_FIVE_DIGIT_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] out = new char[30];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int length = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            // java.time prints the fraction in groups of three digits: milli, micro or nano.
            out[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                digits(out, length, nano / 1_000, 6);
                length += 6;
            } else {
                digits(out, length, nano, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        return new String(out, 0, length);
    }

    private static Instant fastDate(String text) {
        long epochDay = epochDay(text);
        return epochDay == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY);
    }

    private static Instant fastInstant(String text) {
        int length = text.length();
        if (length < SECONDS_LENGTH || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        long epochDay = epochDay(text);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        // Hour 24 and leap second 60 have their own rules in java.time: left to it.
        if (epochDay == Long.MIN_VALUE || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > SECONDS_LENGTH) {
            int fractionDigits = length - SECONDS_LENGTH - 1;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = number(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nano = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** @return the epoch day of the {@code yyyy-MM-dd} that starts {@code text}, or {@code Long.MIN_VALUE} when it is not a valid one */
    private static long epochDay(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    /** @return the decimal value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit */
    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
