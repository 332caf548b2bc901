package io.triadwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.DelegationVisit;
import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import io.triadwatch.model.Tier;
import io.triadwatch.model.UnVote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final String VISIT = """
            {"id":"v-2023","kind":"DELEGATION_VISIT","occurredAt":"2023-07-27","source":{"name":"38 North"},
             "host":"PRK","guest":"CHN","occasion":"PRK_VICTORY_DAY",
             "delegation":{"head":"Li Hongzhong","tier":"LEADERSHIP","rank":24,"rankOf":25}}""";

    private final ValidatingCodec<Event> codec = Codecs.events();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDecodeDateAsMidnightUtcAndDefaultConfidenceToOne() {
        // When a visit with a plain date and no confidence is decoded
        Decoded<Event> decoded = codec.decode(utf8(VISIT));

        // Then it is accepted with the date read as 00:00 UTC and confidence 1
        assertThat(decoded.rejection()).isNull();
        DelegationVisit visit = (DelegationVisit) decoded.value();
        assertThat(visit.occurredAt()).isEqualTo(Instant.parse("2023-07-27T00:00:00Z"));
        assertThat(visit.confidence()).isEqualTo(1.0);
        assertThat(visit.delegation().tier()).isEqualTo(Tier.LEADERSHIP);
        assertThat(visit.dyad().id()).isEqualTo("CHN-PRK");
    }

    @Test
    void shouldRoundTripThroughItsOwnEncoding() {
        // Given a decoded event
        Event event = codec.decode(utf8(VISIT)).value();

        // When it is encoded and decoded again
        Decoded<Event> again = codec.decode(codec.encode(event));

        // Then it is the same value, and the encoding carries the kind
        assertThat(again.value()).isEqualTo(event);
        assertThat(new String(codec.encode(event), StandardCharsets.UTF_8)).contains("\"kind\":\"DELEGATION_VISIT\"");
    }

    @Test
    void shouldNameTheMissingFieldOfTheEventsKind() {
        // Given a visit without its delegation head
        String bad = VISIT.replace("\"head\":\"Li Hongzhong\",", "");

        // When it is decoded
        Rejection rejection = codec.decode(utf8(bad)).rejection();

        // Then the rejection is a schema error naming the head field, and keeps the id
        assertThat(rejection.reason()).isEqualTo(RejectReason.SCHEMA);
        assertThat(rejection.detail()).contains("head");
        assertThat(rejection.eventId()).isEqualTo("v-2023");
    }

    @Test
    void shouldRejectWellFormedCodeThatIsNoCountryAsUnknownActor() {
        // Given a visit whose guest is shaped like an actor but is no ISO country
        String bad = VISIT.replace("\"guest\":\"CHN\"", "\"guest\":\"XXX\"");

        // When it is decoded
        Rejection rejection = codec.decode(utf8(bad)).rejection();

        // Then it is an UNKNOWN_ACTOR rejection naming the guest field
        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_ACTOR);
        assertThat(rejection.field()).isEqualTo("$.guest");
        assertThat(rejection.detail()).contains("XXX");
    }

    @Test
    void shouldRejectRankBeyondRankOfNamingTheField() {
        // Given a delegation ranked 26th of 25
        String bad = VISIT.replace("\"rank\":24", "\"rank\":26");

        // When it is decoded
        Rejection rejection = codec.decode(utf8(bad)).rejection();

        // Then the rank field is named
        assertThat(rejection.reason()).isEqualTo(RejectReason.SCHEMA);
        assertThat(rejection.field()).isEqualTo("$.delegation.rank");
    }

    @Test
    void shouldRejectBrokenJsonWithItsLocation() {
        Rejection rejection = codec.decode(utf8("{\"id\": ")).rejection();

        assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_JSON);
        assertThat(rejection.detail()).contains("line 1");
    }

    @Test
    void shouldRejectDocumentsAboveTheSizeLimitBeforeParsing() {
        // Given a document one byte above the limit
        byte[] big = new byte[codec.maxBytes() + 1];

        // Then it is rejected as too large
        assertThat(codec.decode(big).rejection().reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void shouldReadPermanentMembersNoOnVetoedDraftAsVeto() {
        // Given a vetoed UNSC draft where the source recorded Russia's veto as NO
        String vote = """
                {"id":"poe-2024","kind":"UN_VOTE","occurredAt":"2024-03-28","source":{"name":"UN"},
                 "body":"UNSC","draft":"S/2024/255","subject":"PRK","outcome":"VETOED",
                 "votes":{"RUS":"NO","CHN":"ABSTAIN","USA":"YES","JPN":"YES"}}""";

        // When it is decoded
        UnVote decoded = (UnVote) codec.decode(utf8(vote)).value();

        // Then Russia's vote counts as a veto, China's abstention stays, and yesMeans defaults
        assertThat(decoded.effectiveChoice("RUS")).isEqualTo(UnVote.Choice.VETO);
        assertThat(decoded.effectiveChoice("CHN")).isEqualTo(UnVote.Choice.ABSTAIN);
        assertThat(decoded.effectiveChoice("JPN")).isEqualTo(UnVote.Choice.YES);
        assertThat(decoded.yesMeans()).isEqualTo(UnVote.YesMeans.AGAINST_SUBJECT);
    }
}
