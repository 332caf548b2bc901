package io.triadwatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One version of an official in the registry: who held which office and rank, from when to when.
 * Each version is its own Kafka key ({@link #versionKey()}), so compaction keeps history.
 *
 * @param validFrom first day this version holds
 * @param validTo   first day it no longer holds (exclusive), or null while it still holds
 */
public record Official(String id, String name, String country, String office, Tier tier, Integer rank,
                       Integer rankOf, LocalDate validFrom, LocalDate validTo) {

    public Official {
        if (id == null || !id.matches("[a-z0-9-]{1,128}")) {
            throw new InvalidFieldException("$.id", "must match [a-z0-9-]+, got '" + id + "'");
        }
        EventFields.text(name, "$.name", true);
        Actors.require(country, "$.country");
        EventFields.text(office, "$.office", true);
        EventFields.required(tier, "$.tier");
        Rank.check(rank, rankOf, "$");
        EventFields.required(validFrom, "$.validFrom");
        if (validTo != null && !validTo.isAfter(validFrom)) {
            throw new InvalidFieldException("$.validTo", "validTo " + validTo + " must be after validFrom " + validFrom);
        }
    }

    /** @return the Kafka key of this version: {@code id@validFrom} */
    public String versionKey() {
        return id + "@" + validFrom;
    }

    /** @return true when this version holds at {@code at} */
    public boolean validAt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }
}
