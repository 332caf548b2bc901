package io.triadwatch.serde;

import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * The event times every entry accepts: {@code earliest <= occurredAt <= now + maxFutureSkew}, where
 * "now" is when the input is received (the wall clock for HTTP and files, the record's timestamp at
 * the analyzer's intake, so that a replay judges the same way every time). An event outside it is
 * refused with {@link RejectReason#OUT_OF_RANGE} naming {@code $.occurredAt}: one mistyped or hostile
 * date (9999-12-31) must not become a partition's event-time clock and make good events {@code LATE}.
 * <p>
 * Defaults: {@value #DEFAULT_EARLIEST_TEXT} (before the demo's 1961 events, after any date a real
 * source uses) and one day of future skew (time zones, clocks a little ahead). Both can be set with
 * the environment variables {@value #EARLIEST_ENV} (an ISO date) and {@value #MAX_FUTURE_SKEW_ENV}
 * (an ISO duration such as {@code P1D} or {@code PT6H}).
 *
 * @param earliest      the earliest {@code occurredAt} accepted
 * @param maxFutureSkew how far after "now" an {@code occurredAt} may be; not negative
 */
public record EventTimeWindow(Instant earliest, Duration maxFutureSkew) {
    /** Environment variable of the earliest accepted date. */
    public static final String EARLIEST_ENV = "TRIADWATCH_EVENT_TIME_EARLIEST";
    /** Environment variable of the largest accepted future skew. */
    public static final String MAX_FUTURE_SKEW_ENV = "TRIADWATCH_EVENT_TIME_MAX_FUTURE_SKEW";
    /** The default earliest date, as text. */
    public static final String DEFAULT_EARLIEST_TEXT = "1900-01-01";
    /** The default earliest date. */
    public static final Instant DEFAULT_EARLIEST = LocalDate.parse(DEFAULT_EARLIEST_TEXT).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The default future skew: one day. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
    private static final String FIELD = "$.occurredAt";

    public EventTimeWindow {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
    }

    /** @return 1900-01-01 to now + 1 day */
    public static EventTimeWindow defaults() {
        return new EventTimeWindow(DEFAULT_EARLIEST, DEFAULT_MAX_FUTURE_SKEW);
    }

    /** @return the window the process environment sets, the defaults for what it leaves out */
    public static EventTimeWindow fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env variables, e.g. {@link System#getenv()}
     * @return the window {@code env} sets, the defaults for what it leaves out
     * @throws IllegalArgumentException naming the variable when a value cannot be read
     */
    public static EventTimeWindow fromEnvironment(Map<String, String> env) {
        String earliest = env.get(EARLIEST_ENV);
        String skew = env.get(MAX_FUTURE_SKEW_ENV);
        try {
            return new EventTimeWindow(
                    earliest == null || earliest.isBlank() ? DEFAULT_EARLIEST : IsoInstants.parse(earliest.trim()),
                    skew == null || skew.isBlank() ? DEFAULT_MAX_FUTURE_SKEW : Duration.parse(skew.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EARLIEST_ENV + " must be an ISO date (e.g. " + DEFAULT_EARLIEST_TEXT + ") and "
                    + MAX_FUTURE_SKEW_ENV + " an ISO duration (e.g. P1D); got '" + earliest + "' and '" + skew + "'", e);
        }
    }

    /** @return the latest {@code occurredAt} accepted when the input is received at {@code now} */
    public Instant latest(Instant now) {
        return now.plus(maxFutureSkew);
    }

    /**
     * @param event an accepted event
     * @param now   when it was received
     * @return null when {@code event} is inside the window, else its {@link RejectReason#OUT_OF_RANGE} rejection
     */
    public Rejection check(Event event, Instant now) {
        Instant at = event.occurredAt();
        if (at.isBefore(earliest)) {
            return new Rejection(RejectReason.OUT_OF_RANGE, FIELD, FIELD + ": " + IsoInstants.format(at) + " is before the earliest accepted event time "
                    + IsoInstants.format(earliest), event.id());
        }
        Instant latest = latest(now);
        if (at.isAfter(latest)) {
            return new Rejection(RejectReason.OUT_OF_RANGE, FIELD, FIELD + ": " + IsoInstants.format(at) + " is more than " + maxFutureSkew
                    + " after the time it was received (" + IsoInstants.format(now) + ")", event.id());
        }
        return null;
    }

    /**
     * @return {@code decoded} unchanged when it is a rejection or inside the window, else its
     *         {@link RejectReason#OUT_OF_RANGE} rejection
     */
    public Decoded<Event> admit(Decoded<Event> decoded, Instant now) {
        if (!decoded.accepted()) {
            return decoded;
        }
        Rejection outside = check(decoded.value(), now);
        return outside == null ? decoded : Decoded.rejected(outside);
    }
}
