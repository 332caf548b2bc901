package io.triadwatch.delivery.api;

import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The parameters of {@code GET /api/alerts}, checked, and how they select a page.
 * <p>
 * The list has one item per episode (fingerprint + episode number): the episode's latest record,
 * so a FIRING episode shows its FIRING record and a finished one its RESOLVED record. Items are
 * ordered newest first by {@code occurredAt} (event time), then by fingerprint and episode, and
 * paged with an opaque keyset cursor, so paging is stable while new alerts arrive.
 *
 * @param status  only episodes whose latest record has this status, or null
 * @param subject only this subject (exact id such as {@code CHN-PRK}), or null
 * @param type    only this rule type, or null
 * @param since   only records with {@code occurredAt} at or after this instant, or null
 * @param limit   page size
 * @param after   the sort key of the last item of the previous page, or null for the first page
 */
public record AlertQuery(Alert.Status status, String subject, AlertRule.Type type, Instant since, int limit, Key after) {

    /** Newest first, then fingerprint, then episode (newest first): a total order on episodes. */
    static final Comparator<Key> ORDER = Comparator.comparing(Key::occurredAt, Comparator.reverseOrder())
            .thenComparing(Key::fingerprint)
            .thenComparing(Key::episode, Comparator.reverseOrder());

    /**
     * Reads and checks the parameters.
     *
     * @param param        the request's query parameters by name (null when absent)
     * @param defaultLimit the page size without {@code limit}
     * @param maxLimit     the largest {@code limit}
     * @return the query
     * @throws BadParameterException naming the first parameter that is wrong
     */
    public static AlertQuery parse(Function<String, String> param, int defaultLimit, int maxLimit) {
        return new AlertQuery(
                parseStatus(blankToNull(param.apply("status"))),
                blankToNull(param.apply("subject")),
                parseType(blankToNull(param.apply("type"))),
                parseSince(blankToNull(param.apply("since"))),
                parseLimit(blankToNull(param.apply("limit")), defaultLimit, maxLimit),
                blankToNull(param.apply("cursor")) == null ? null : Key.decode(param.apply("cursor").strip()));
    }

    /**
     * Selects this query's page.
     *
     * @param episodes the newest record of each episode, in any order
     * @return the page
     */
    public AlertPage select(List<FeedEntry> episodes) {
        List<Alert> matching = episodes.stream()
                .map(FeedEntry::alert)
                .filter(this::matches)
                .sorted(Comparator.comparing(Key::of, ORDER))
                .filter(alert -> after == null || ORDER.compare(Key.of(alert), after) > 0)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new AlertPage(matching, null);
        }
        List<Alert> page = matching.subList(0, limit);
        return new AlertPage(page, Key.of(page.get(limit - 1)).encode());
    }

    private boolean matches(Alert alert) {
        return (status == null || alert.status() == status)
                && (subject == null || alert.subject().equals(subject))
                && (type == null || alert.type() == type)
                && (since == null || (alert.occurredAt() != null && !alert.occurredAt().isBefore(since)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Alert.Status parseStatus(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Alert.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("status", "must be FIRING or RESOLVED, not '" + value + "'");
        }
    }

    private static AlertRule.Type parseType(String value) {
        if (value == null) {
            return null;
        }
        try {
            return AlertRule.Type.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("type", "must be one of " + List.of(AlertRule.Type.values()) + ", not '" + value + "'");
        }
    }

    private static Instant parseSince(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.parse(value.strip());
        } catch (DateTimeException e) {
            throw new BadParameterException("since", "must be an ISO instant such as 2023-07-27T00:00:00Z (or a date), not '" + value + "'");
        }
    }

    private static int parseLimit(String value, int defaultLimit, int maxLimit) {
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the allowed range
        }
        throw new BadParameterException("limit", "must be a whole number from 1 to " + maxLimit + ", not '" + value + "'");
    }

    /**
     * Where an item sorts; the cursor is its URL-safe Base64 text.
     *
     * @param occurredAt  the item's event time ({@link Instant#EPOCH} when it has none)
     * @param fingerprint its fingerprint
     * @param episode     its episode
     */
    public record Key(Instant occurredAt, String fingerprint, long episode) {
        static Key of(Alert alert) {
            return new Key(alert.occurredAt() == null ? Instant.EPOCH : alert.occurredAt(), alert.fingerprint(), alert.episode());
        }

        String encode() {
            String text = occurredAt + "|" + episode + "|" + fingerprint;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Key decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = text.split("\\|", 3);
                return new Key(Instant.parse(parts[0]), parts[2], Long.parseLong(parts[1]));
            } catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException e) {
                throw new BadParameterException("cursor", "not a cursor this API returned");
            }
        }
    }
}
