package io.triadwatch.alerter.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void readingsAndDyadTriadsRoundTripEveryField() {
        for (int i = 0; i < 8; i++) {
            TriadSnapshot s = snapshot(i, i % 4 == 1);
            byte[] bytes = ContextCodec.encode(s);
            assertThat(bytes[0]).isEqualTo(ContextCodec.VERSION);
            assertThat(Json.string(ContextCodec.decodeSnapshot(bytes))).isEqualTo(Json.string(s));
        }
        Serde<DyadTriads> serde = DyadTriads.serde();
        DyadTriads triads = DyadTriads.NONE.with("CHN-PRK-RUS", new DyadTriads.Cursor(70_000, 4_000, 12, Instant.parse("2023-07-27T00:00:00.5Z"),
                Instant.parse("1969-12-31T22:00:00Z"))).with("CHN-PRK-USA", DyadTriads.Cursor.EMPTY);
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, triads))).isEqualTo(triads);
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
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
        assertThat(ContextSerdes.timelines().deserializer().deserialize(TOPIC, Json.bytes(t))).isEqualTo(t);
    }

    @Test
    void corruptValuesFailAsSerializationErrorsOrOnRead() {
        byte[] bytes = ContextSerdes.timelines().serializer().serialize(TOPIC, timeline(3));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> ContextSerdes.timelines().deserializer().deserialize(TOPIC, cut)).isInstanceOf(SerializationException.class);
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> ContextSerdes.timelines().deserializer().deserialize(TOPIC, wrongVersion)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> ContextCodec.decodeSnapshot(new byte[] {2, 9})).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> ContextCodec.decodeTriads(new byte[] {2, 0, 0})).isInstanceOf(RuntimeException.class);
    }
}
