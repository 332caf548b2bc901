package io.triadwatch.analyzer.dyad;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.analyzer.BinarySerdeChecks;
import io.triadwatch.model.EventKind;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binary history point reads back equal, reads the JSON of earlier versions, and rejects what it cannot read. */
class HistoryPointSerdeTest {
    private final HistoryPointSerde serde = new HistoryPointSerde();

    private HistoryPoint roundTrip(HistoryPoint value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static HistoryPoint typical() {
        return new HistoryPoint(Instant.parse("2024-06-19T00:00:00.123456789Z"), 0.62, 0.1, 7.25, 3.5, "event-1", EventKind.SUMMIT, "Summit — «talks»");
    }

    @Test
    void shouldReadBackRandomPointsExactly() {
        // Given random points, NaN, -0.0, pre-1970 times and null kinds and summaries among them
        Random random = new Random(19_530_727);
        for (int i = 0; i < 2_000; i++) {
            HistoryPoint value = new HistoryPoint(DyadAggregateSerdeTest.instant(random, false), DyadAggregateSerdeTest.number(random),
                    DyadAggregateSerdeTest.number(random), DyadAggregateSerdeTest.number(random), DyadAggregateSerdeTest.number(random),
                    DyadAggregateSerdeTest.string(random, false), DyadAggregateSerdeTest.kind(random, true), DyadAggregateSerdeTest.string(random, true));

            // When / Then each reads back equal
            assertThat(roundTrip(value)).as("point %d", i).isEqualTo(value);
        }
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldStillReadTheJsonOfEarlierVersions() {
        // Given the JSON an earlier build stored
        HistoryPoint value = typical();
        HistoryPoint bare = new HistoryPoint(Instant.ofEpochSecond(-86_400), 0, 0, 0, 0, "e", null, null);

        // When / Then it is read as JSON
        assertThat(serde.deserializer().deserialize("t", Json.bytes(value))).isEqualTo(value);
        assertThat(serde.deserializer().deserialize("t", Json.bytes(bare))).isEqualTo(bare);
        assertThat(serde.serializer().serialize("t", value)[0]).isEqualTo((byte) HistoryPointSerde.VERSION);
    }

    @Test
    void shouldRejectAnUnknownVersionTruncatedOrTrailingBytes() {
        // Given a valid value
        byte[] bytes = serde.serializer().serialize("t", typical());

        // When / Then another version, any truncation and a trailing byte fail as SerializationException
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde, bytes);
    }
}
