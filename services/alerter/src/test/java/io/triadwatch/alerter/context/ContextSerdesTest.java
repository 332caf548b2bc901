package io.triadwatch.alerter.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ContextSerdesTest {
    private static final String TOPIC = "changelog";

    private static TriadSnapshot snapshot(int i, boolean sparse) {
        Instant at = Instant.parse("1969-12-31T23:00:00Z").plusSeconds(3_601L * i).plusNanos(i * 7L);
        List<TriadState.DyadScore> dyads = List.of(
                new TriadState.DyadScore("CHN-RUS", 0.1 * i, -0.03, sparse ? null : at),
                new TriadState.DyadScore("PRK-RUS", -Double.MIN_VALUE, 0, null),
                new TriadState.DyadScore("CHN-PRK", Double.NaN, 1e-300, at.minusSeconds(1)));
        return new TriadSnapshot(at, sparse ? null : "CHN-RUS", sparse ? null : "ev-é-" + i, i % 2 == 0, sparse ? null : "++-",
                sparse ? null : "RUS", i % 3 == 0, 0.25 * i, -1.5, sparse ? null : "MIXED", dyads);
    }

    private static TriadTimeline timeline(int size) {
        List<TriadSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            snapshots.add(snapshot(i, i % 4 == 1));
        }
        return new TriadTimeline(snapshots);
    }

    @Test
    void timelinesRoundTripEveryField() {
        Serde<TriadTimeline> serde = ContextSerdes.timelines();
        for (TriadTimeline t : List.of(TriadTimeline.empty(), timeline(1), timeline(300))) {
            TriadTimeline back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, t));
            assertThat(Json.string(back)).isEqualTo(Json.string(t));
        }
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void contextsRoundTripAndDecodeOnlyWhenRead() {
        Serde<StoredContext> serde = ContextSerdes.contexts();
        DyadContext context = new DyadContext(Map.of("CHN-PRK-RUS", timeline(40), "CHN-RUS-USA", TriadTimeline.empty()));
        byte[] bytes = serde.serializer().serialize(TOPIC, StoredContext.of(context));
        assertThat(bytes[0]).isEqualTo(ContextCodec.VERSION);
        StoredContext back = serde.deserializer().deserialize(TOPIC, bytes);
        assertThat(back.context()).isEqualTo(context);
        assertThat(serde.serializer().serialize(TOPIC, back)).isEqualTo(bytes);
    }

    @Test
    void whatATimelineDroppedRoundTripsAndTheFormOfEarlierBuildsIsStillRead() {
        // Given a timeline that dropped states, and the version-1 bytes of one that did not (no trailing field)
        TriadTimeline dropped = new TriadTimeline(timeline(3).snapshots(), Instant.parse("1969-12-31T22:00:00Z"));
        byte[] current = ContextSerdes.timelines().serializer().serialize(TOPIC, timeline(3));
        byte[] versionOne = java.util.Arrays.copyOf(current, current.length - 1);
        versionOne[0] = 1;

        // Then both read back as they were
        assertThat(ContextSerdes.timelines().deserializer().deserialize(TOPIC, ContextSerdes.timelines().serializer().serialize(TOPIC, dropped)))
                .isEqualTo(dropped);
        assertThat(ContextSerdes.timelines().deserializer().deserialize(TOPIC, versionOne)).isEqualTo(timeline(3));
    }

    @Test
    void valuesStoredAsJsonByEarlierBuildsAreStillRead() {
        TriadTimeline t = timeline(5);
        DyadContext context = new DyadContext(Map.of("CHN-PRK-RUS", t));
        assertThat(ContextSerdes.timelines().deserializer().deserialize(TOPIC, Json.bytes(t))).isEqualTo(t);
        assertThat(ContextSerdes.contexts().deserializer().deserialize(TOPIC, Json.bytes(context)).context()).isEqualTo(context);
    }

    @Test
    void corruptValuesFailAsSerializationErrorsOrOnRead() {
        byte[] bytes = ContextSerdes.timelines().serializer().serialize(TOPIC, timeline(3));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> ContextSerdes.timelines().deserializer().deserialize(TOPIC, cut)).isInstanceOf(SerializationException.class);
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> ContextSerdes.timelines().deserializer().deserialize(TOPIC, wrongVersion)).isInstanceOf(SerializationException.class);
        StoredContext stored = ContextSerdes.contexts().deserializer().deserialize(TOPIC, new byte[] {1, 9});
        assertThatThrownBy(stored::context).isInstanceOf(IllegalStateException.class);
        StoredContext trailing = ContextSerdes.contexts().deserializer().deserialize(TOPIC, new byte[] {1, 0, 0});
        assertThatThrownBy(trailing::context).isInstanceOf(IllegalStateException.class);
    }
}
