package io.triadwatch.adapters;

/**
 * Why an input record produced no event. Each skipped record is counted under exactly one reason.
 * The names are stable: the CLI prints them and tests assert them.
 */
public enum SkipReason {
    /** The record cannot be read: wrong column count, unparseable date or number, unknown vote value. */
    MALFORMED,
    /** An actor has no country (GDELT blank country code, ICEWS {@code NA}). */
    NO_COUNTRY,
    /** An actor's country is not an ISO 3166-1 alpha-3 country (e.g. GDELT region code {@code EUR}). */
    UNKNOWN_COUNTRY,
    /** Both actors are the same country; a dyad needs two. */
    SAME_COUNTRY,
    /** The record repeats one already produced (a GDELT re-emission, a repeated member vote). */
    DUPLICATE,
    /** A member has two different votes on the same draft; neither is used. */
    CONFLICTING_VOTE,
    /** The adapter built an event that the v1 contract rejects; the detail names the field. */
    INVALID_EVENT
}
