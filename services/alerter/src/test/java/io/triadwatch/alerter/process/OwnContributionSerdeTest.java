package io.triadwatch.alerter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.VotingRecord;
import io.triadwatch.serde.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class OwnContributionSerdeTest {
    private static final String TOPIC = "triadwatch.dyad-state.v1";
    /** The fields a dyad state cannot be read without. */
    private static final String PRIMITIVES = "\"score\":0.1,\"previousScore\":0,\"delta\":0.1,\"rawSum\":1,\"eventCount\":2";
    private static final Instant T = Instant.parse("2024-06-19T00:00:00Z");
    private final OwnContributionSerde serde = new OwnContributionSerde();

    /** A state of {@code own} among 20 contributions, {@code own} neither first nor last, with every optional part set. */
    private static DyadState state(String own) {
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contributions.add(new Contribution("ev-" + i, i % 2 == 0 ? EventKind.CODED : EventKind.UN_VOTE, T.minusSeconds(60L * i),
                    i - 3.5, (i - 3.5) * 0.9, i == 7 ? null : "summary {of} \"ev-" + i + "\" [é]"));
        }
        return new DyadState("PRK-RUS", 0.42, 0.40, 0.02, 9.5, T, 1234, own, T.minusSeconds(420), EventKind.UN_VOTE, "UN_VOTE",
                contributions, new DeltaBaseline(12, 0.01, 0.2, List.of(0.1, 0.2), 0.5, 60.0), null,
                new VotingRecord(3, 4, "S/2024/1", false, own), T.plusSeconds(5), T.plusSeconds(1), ChannelSums.curated(9.5));
    }

    private DyadState read(byte[] bytes) {
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    @Test
    void shouldReadEveryFieldButKeepOnlyTheOwnEventsContribution() {
        // Given a state whose own event is the eighth of its 20 contributions (the one without a summary)
        DyadState full = state("ev-7");

        // When the alerter reads it
        DyadState lean = read(Json.bytes(full));

        // Then every other field is as written, and the one contribution kept is the own event's, bound whole
        assertThat(Json.string(lean.withContributions(full.contributions()))).isEqualTo(Json.string(full));
        assertThat(lean.contributions()).containsExactly(full.contributions().get(7));
    }

    @Test
    void shouldFindTheOwnContributionWhereverItsFieldsStand() {
        // Given a state written by another producer: fields reordered (a nested object first), the event id last in each contribution
        String json = "{\"baseline\":{\"count\":1,\"mean\":0,\"stddev\":0,\"recent\":[0.5]},\"contributions\":[{\"kind\":\"CODED\",\"occurredAt\":\"2024-06-19T00:00:00Z\",\"impulse\":1.0,\"weight\":1.0,"
                + "\"summary\":\"a\",\"eventId\":\"other\"},{\"summary\":\"mine, {with} [brackets]\",\"kind\":\"TREATY\",\"impulse\":2.0,"
                + "\"weight\":2.0,\"occurredAt\":\"2024-06-18T00:00:00Z\",\"eventId\":\"mine\"}],"
                + "\"dyad\":\"PRK-RUS\"," + PRIMITIVES + ",\"lastEventId\":\"mine\"}";

        // When it is read, then the own contribution is found and the other skipped
        assertThat(read(json.getBytes(StandardCharsets.UTF_8)).contributions())
                .containsExactly(new Contribution("mine", EventKind.TREATY, Instant.parse("2024-06-18T00:00:00Z"), 2.0, 2.0, "mine, {with} [brackets]"));
    }

    @Test
    void shouldKeepNoContributionWhenTheOwnEventHasNone() {
        // Given states whose own event is not among their contributions, or that name no own event
        byte[] absent = Json.bytes(state("ev-99"));
        byte[] noOwn = ("{\"dyad\":\"PRK-RUS\"," + PRIMITIVES + ",\"contributions\":[{\"eventId\":\"a\",\"kind\":\"CODED\"}]}").getBytes(StandardCharsets.UTF_8);

        // When they are read, then they have no contribution
        assertThat(read(absent).contributions()).isEmpty();
        assertThat(read(absent).lastEventId()).isEqualTo("ev-99");
        assertThat(read(noOwn).contributions()).isEmpty();
    }

    @Test
    void shouldRejectWhatIsNotADyadStateAsASerializationException() {
        // Given broken values, when they are read, then Kafka Streams' deserialization handler gets a SerializationException
        for (String bad : List.of("{\"dyad\":", "[]", "{}", "{\"dyad\":\"PRK-RUS\",\"lastEventId\":\"a\"}")) {
            assertThatThrownBy(() -> read(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(SerializationException.class).hasMessageStartingWith("cannot read DyadState from topic " + TOPIC);
        }
        assertThat(read(null)).isNull();
    }

    @Test
    void shouldRejectAContributionThatIsNotAnObjectOrTheOwnOneIncomplete() {
        // Given states complete but for their contributions: a number among them, an object instead of the array, or the own one without its kind
        String head = "{\"dyad\":\"PRK-RUS\"," + PRIMITIVES + ",\"lastEventId\":\"a\",\"contributions\":";
        byte[] number = (head + "[{\"eventId\":\"b\"},1]}").getBytes(StandardCharsets.UTF_8);
        byte[] notAnArray = (head + "{\"eventId\":\"a\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] incomplete = (head + "[{\"eventId\":\"a\",\"occurredAt\":\"2024-06-19T00:00:00Z\",\"impulse\":1,\"weight\":1}]}").getBytes(StandardCharsets.UTF_8);

        // When they are read, then each is refused for that reason
        assertThatThrownBy(() -> read(number)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("a contribution is not an object but VALUE_NUMBER_INT");
        assertThatThrownBy(() -> read(notAnArray)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("contributions is not an array but START_OBJECT");
        assertThatThrownBy(() -> read(incomplete)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("kind");
    }
}
