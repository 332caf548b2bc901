package io.triadwatch.model;

/**
 * Protocol tier of a delegation head, highest first. The analyzer's weight table gives each a base
 * weight; {@code rank}/{@code rankOf} refine it inside the tier. See docs/contract.md.
 */
public enum Tier {
    HEAD_OF_STATE,
    HEAD_OF_GOVERNMENT,
    LEADERSHIP,
    MINISTER,
    VICE_MINISTER,
    OFFICIAL
}
