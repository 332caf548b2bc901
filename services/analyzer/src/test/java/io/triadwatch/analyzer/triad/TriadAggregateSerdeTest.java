package io.triadwatch.analyzer.triad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.analyzer.BinarySerdeChecks;
import io.triadwatch.model.Triad;
import io.triadwatch.model.state.TriadState;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary triad aggregate reads back equal, reads the JSON of earlier versions, and rejects what it cannot read. */
class TriadAggregateSerdeTest {
    private static final Instant T = Instant.parse("2024-06-19T00:00:00Z");
    private final TriadAggregateSerde serde = new TriadAggregateSerde();

    private TriadAggregate roundTrip(TriadAggregate value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static TriadAggregate full() {
        Triad triad = new Triad("CHN-PRK-RUS", List.of("CHN", "PRK", "RUS"), "CHN", "Beijing–Pyongyang–Moscow ✓");
        Map<String, DyadMove> dyads = Map.of(
                "CHN-PRK", new DyadMove("CHN-PRK", 7.25, T, 0.62, 0.1, "s1", T, true),
                "CHN-RUS", new DyadMove("CHN-RUS", -0.0, T.plusNanos(123_456_789), -1e-300, Double.NaN, null, null, false),
                "PRK-RUS", new DyadMove("PRK-RUS", 0, null, 0, 0, null, null, false));
        List<TriadAggregate.Move> moves = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            moves.add(new TriadAggregate.Move(i % 3 == 0 ? "CHN-PRK" : i % 3 == 1 ? "CHN-RUS" : "PRK-RUS", "event-" + i, T.minusSeconds(86_400L * (200 - i)),
                    Math.sin(i) / 3));
        }
        TriadState state = new TriadState("CHN-PRK-RUS", triad.actors(), triad.label(),
                List.of(new TriadState.DyadScore("CHN-PRK", 0.62, 0.1, T), new TriadState.DyadScore("CHN-RUS", -0.3, -0.05, T.plusNanos(1)),
                        new TriadState.DyadScore("PRK-RUS", 0, 0, null)),
                -0.0, "+-0", false, "CHN", true, 0.92, new TriadState.ZeroSumEvidence("P90D", 200, 13_000, 6_900, 13_000 / 19_900.0, "ZERO_SUM_EVIDENCE"),
                T.plusNanos(123_456_789), "CHN-RUS", "s9", Instant.parse("2026-11-29T02:50:42.123456Z"));
        return new TriadAggregate(triad, dyads, moves, state);
    }

    @Test
    void shouldReadBackEveryFieldExactly() {
        TriadAggregate value = full();
        assertThat(roundTrip(value)).isEqualTo(value);
        // Record equality compares doubles bit for bit (Double.compare): -0.0 and NaN survive
        assertThat(roundTrip(value).dyads().get("CHN-RUS").rawSum()).isEqualTo(-0.0);
    }

    @Test
    void shouldReadBackAnAggregateWithNoDefinitionStateOrMoves() {
        TriadAggregate empty = new TriadAggregate(null, Map.of(), List.of(), null);
        assertThat(roundTrip(empty)).isEqualTo(empty);
        TriadState bare = new TriadState("CHN-PRK-RUS", List.of("CHN", "PRK", "RUS"), null, List.of(), 0, "000", false, "CHN", false, 0,
                null, null, null, null, null);
        TriadAggregate undefined = new TriadAggregate(null, Map.of(), List.of(), bare);
        assertThat(roundTrip(undefined)).isEqualTo(undefined);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldBeSmallerThanTheJson() {
        TriadAggregate value = full();
        byte[] binary = serde.serializer().serialize("t", value);
        assertThat(binary[0]).isEqualTo((byte) TriadAggregateCodec.VERSION);
        assertThat(binary.length).isLessThan(Json.bytes(value).length / 2);
    }

    @Test
    void shouldStillReadTheJsonOfEarlierVersions() {
        TriadAggregate value = full();
        assertThat(serde.deserializer().deserialize("t", Json.bytes(value))).isEqualTo(value);
    }

    @Test
    void shouldRejectAnUnknownVersionTruncatedOrTrailingBytes() {
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde, serde.serializer().serialize("t", full()));
    }

    @Test
    void shouldRejectAValueThatBreaksARecordsRules() {
        // A definition whose id does not match its actors fails the Triad constructor, as it would from JSON
        byte[] bytes = serde.serializer().serialize("t", full());
        byte[] broken = bytes.clone();
        int at = indexOf(broken, "CHN-PRK-RUS".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        broken[at] = 'X';
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", broken)).isInstanceOf(SerializationException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
