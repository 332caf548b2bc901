package io.triadwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An actor code is accepted, malformed (SCHEMA) or well-formed but no country (UNKNOWN_ACTOR). */
class ActorsTest {

    @Test
    void shouldAcceptAKnownCode() {
        assertThat(Actors.require("PRK", "$.host")).isEqualTo("PRK");
    }

    @Test
    void shouldCallAMalformedCodeASchemaError() {
        for (String code : new String[] {"prk", "PR", "PRKX", "P1K", ""}) {
            assertThatThrownBy(() -> Actors.require(code, "$.host")).as(code).isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                assertThat(e.reason()).isEqualTo(RejectReason.SCHEMA);
                assertThat(e.getMessage()).contains("three upper-case letters");
            });
        }
    }

    @Test
    void shouldCallAWellFormedNonCountryAnUnknownActor() {
        assertThatThrownBy(() -> Actors.require("XXX", "$.guest")).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_ACTOR));
    }
}
