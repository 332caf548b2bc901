package io.triadwatch.alerter.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.model.EventKind;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DyadHistoryCodecTest {
    private static final String TOPIC = "app-alerter-dyad-history-store-changelog";
    /** A NaN with a payload: raw bits survive only when the codec writes raw bits. */
    private static final double ODD_NAN = Double.longBitsToDouble(0x7FF8_0000_0000_1234L);
    private static final double[] SPECIAL = {Double.NaN, ODD_NAN, -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300};

    private final Serde<DyadHistory> serde = DyadHistoryCodec.serde();

    private static double anyDouble(Random random) {
        return random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian() * 3;
    }

    private static Double maybeDouble(Random random) {
        return random.nextInt(3) == 0 ? null : anyDouble(random);
    }

    private static String maybeString(Random random, String prefix) {
        return random.nextInt(3) == 0 ? null : prefix + "-é-" + "x".repeat(random.nextInt(40));
    }

    private static List<Double> doubles(Random random, int max) {
        List<Double> out = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(anyDouble(random));
        }
        return out;
    }

    private static Instant anyInstant(Random random) {
        // from 1900 to 2100, pre-1970 included, with nanos
        return Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 4_102_444_800L), random.nextInt(1_000_000_000));
    }

    private static DyadMove move(Random random, int i) {
        EventKind[] kinds = EventKind.values();
        MoveStats earlier = random.nextInt(3) == 0 ? null
                : new MoveStats(random.nextLong(0, Long.MAX_VALUE), anyDouble(random), anyDouble(random), doubles(random, 5));
        return new DyadMove("ev-" + i, random.nextInt(4) == 0 ? null : kinds[random.nextInt(kinds.length)],
                maybeString(random, "RANK_DROP"), anyInstant(random), anyDouble(random), anyDouble(random),
                maybeDouble(random), maybeString(random, "summary"), earlier, maybeDouble(random), maybeDouble(random));
    }

    private static DyadHistory history(Random random, int moves) {
        List<DyadMove> out = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
            out.add(move(random, i));
        }
        return new DyadHistory(out, doubles(random, 20));
    }

    private static DyadHistory finiteHistory() {
        Instant at = Instant.parse("1969-12-31T23:59:59.123456789Z");
        return new DyadHistory(List.of(
                new DyadMove("ev-1", EventKind.SUMMIT, "SUMMIT", at, 0.5, 0.25, 0.3, "a summit", null, null, null),
                new DyadMove("ev-2", null, "RANK_DROP", at.plusSeconds(90), -0.5, -1.0, null, null,
                        new MoveStats(7, 0.2, 0.05, List.of(0.1, 0.3)), 2.5, 97.0)),
                List.of(0.1, 0.2, 0.4));
    }

    private byte[] bytes(DyadHistory history) {
        return serde.serializer().serialize(TOPIC, history);
    }

    private DyadHistory read(byte[] bytes) {
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    @Test
    void randomizedHistoriesRoundTripEveryFieldExactly() {
        // Given histories with nulls, NaNs, signed zeros, pre-1970 instants and empty lists
        Random random = new Random(20261129L);
        List<DyadHistory> histories = new ArrayList<>(List.of(DyadHistory.empty(), new DyadHistory(List.of(), List.of(1.0))));
        for (int i = 0; i < 200; i++) {
            histories.add(history(random, random.nextInt(i % 20 == 0 ? 257 : 12)));
        }
        for (DyadHistory history : histories) {
            // When it is written and read back
            byte[] bytes = bytes(history);
            DyadHistory back = read(bytes);

            // Then it equals the original, bit for bit (re-encoding gives the same bytes, NaN payloads included)
            assertThat(bytes[0]).isEqualTo(DyadHistoryCodec.VERSION);
            assertThat(back).isEqualTo(history);
            assertThat(bytes(back)).isEqualTo(bytes);
        }
    }

    @Test
    void oddNanAndNegativeZeroKeepTheirRawBits() {
        // Given a move whose doubles are a NaN with a payload and a negative zero
        DyadMove move = new DyadMove("ev", EventKind.UN_VOTE, null, Instant.EPOCH.minusNanos(1), ODD_NAN, -0.0, ODD_NAN,
                null, new MoveStats(0, -0.0, ODD_NAN, List.of(ODD_NAN)), -0.0, null);

        // When it is read back
        DyadHistory back = read(bytes(new DyadHistory(List.of(move), List.of(ODD_NAN, -0.0))));

        // Then the raw bits are those written
        DyadMove m = back.moves().get(0);
        assertThat(Double.doubleToRawLongBits(m.score())).isEqualTo(Double.doubleToRawLongBits(ODD_NAN));
        assertThat(Double.doubleToRawLongBits(m.impulse())).isEqualTo(Double.doubleToRawLongBits(ODD_NAN));
        assertThat(Double.doubleToRawLongBits(m.delta())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(m.earlier().recent().get(0))).isEqualTo(Double.doubleToRawLongBits(ODD_NAN));
        assertThat(Double.doubleToRawLongBits(back.recent().get(0))).isEqualTo(Double.doubleToRawLongBits(ODD_NAN));
        assertThat(m.asOf()).isEqualTo(Instant.EPOCH.minusNanos(1));
        assertThat(m.trigger()).isNull();
        assertThat(m.summary()).isNull();
        assertThat(m.percentile()).isNull();
    }

    @Test
    void nullValuesStayNullForTombstones() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void historiesStoredAsJsonByEarlierBuildsAreStillRead() {
        // Given a history as the JSON serde of an older build stored it
        DyadHistory history = finiteHistory();
        byte[] json = Json.bytes(history);
        assertThat(json[0]).isEqualTo((byte) '{');

        // When it is read by this build
        DyadHistory back = read(json);

        // Then it is the same history, and is rewritten in the binary form
        assertThat(back).isEqualTo(history);
        assertThat(bytes(back)[0]).isEqualTo(DyadHistoryCodec.VERSION);
    }

    @Test
    void theBinaryFormIsSmallerThanTheJson() {
        // Given a full history of finite moves, as the analyzer reports them
        Random random = new Random(7);
        List<DyadMove> moves = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            moves.add(new DyadMove("ev-" + i, EventKind.SUMMIT, "SUMMIT", anyInstant(random), random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian(), "a summit of two heads of state", null,
                    random.nextGaussian(), 100 * random.nextDouble()));
        }
        DyadHistory history = new DyadHistory(moves, List.of(0.25, 0.5));

        // When written, then it takes fewer bytes than its JSON
        assertThat(bytes(history).length).isLessThan(Json.bytes(history).length);
    }

    @Test
    void aTruncatedValueFailsAsSerializationError() {
        // Given every proper prefix of a written history
        byte[] bytes = bytes(history(new Random(3), 6));
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            // When it is read, then it fails as a serialization error
            assertThatThrownBy(() -> read(cut)).as("prefix of %d bytes", length).isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void anUnknownVersionFailsAsSerializationError() {
        byte[] bytes = bytes(finiteHistory());
        bytes[0] = 9;
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("DyadHistory").hasMessageContaining("unknown DyadHistory format version 9").hasMessageContaining(TOPIC);
    }

    @Test
    void trailingBytesFailAsSerializationError() {
        byte[] bytes = bytes(finiteHistory());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> read(longer)).isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void aMoveWithoutEventIdOrUnknownKindFailsAsSerializationError() {
        // Given a history of one move whose event id is null, and one whose kind is not an EventKind
        byte[] noEventId = {DyadHistoryCodec.VERSION, 1, 0};
        byte[] good = bytes(new DyadHistory(List.of(new DyadMove("e", EventKind.TREATY, null, Instant.EPOCH, 0, 0,
                null, null, null, null, null)), List.of()));
        byte[] unknownKind = good.clone();
        unknownKind[5] = 'X'; // the first letter of "TREATY", after version, count and the event id "e"

        // When read, then both fail with what is wrong
        assertThatThrownBy(() -> read(noEventId)).isInstanceOf(SerializationException.class).hasMessageContaining("without an event id");
        assertThatThrownBy(() -> read(unknownKind)).isInstanceOf(SerializationException.class).hasMessageContaining("unknown event kind XREATY");
    }
}
