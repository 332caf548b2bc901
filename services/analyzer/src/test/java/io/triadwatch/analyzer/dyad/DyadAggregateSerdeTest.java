package io.triadwatch.analyzer.dyad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.analyzer.BinarySerdeChecks;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.state.BaselineVisit;
import io.triadwatch.model.state.Contribution;
import io.triadwatch.model.state.DeltaBaseline;
import io.triadwatch.model.state.DyadState;
import io.triadwatch.model.state.RankSignal;
import io.triadwatch.model.state.VotingRecord;
import io.triadwatch.serde.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary dyad aggregate reads back equal, reads the JSON of earlier versions, and rejects what it cannot read. */
class DyadAggregateSerdeTest {
    private static final Instant T = Instant.parse("2024-06-19T00:00:00Z");
    private static final double[] AWKWARD = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)};
    private final DyadAggregateSerde serde = new DyadAggregateSerde();

    private DyadAggregate roundTrip(DyadAggregate value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    /** Every optional field present and every list full: 20 contributions, a rank signal with visits, a voting record. */
    static DyadAggregate full() {
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contributions.add(new Contribution("event-" + i, EventKind.values()[i % EventKind.values().length], T.minusSeconds(86_400L * i).plusNanos(i),
                    Math.sin(i) * 10, Math.cos(i), i % 4 == 0 ? null : "Summit in Pyongyang — «talks» #" + i));
        }
        List<Double> recent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            recent.add(Math.abs(Math.sin(i)) / 7);
        }
        RankSignal rank = new RankSignal("visit-9", "PRK:CHN:PRK_VICTORY_DAY", "Zhao Leji", 0.62, "LEADERSHIP 3/25", "REGISTRY", 0.81, 0.62 - 0.81,
                "DROP", List.of(new BaselineVisit("visit-1", Instant.parse("1953-07-27T10:00:00.000000001Z"), "Li Yuanchao", 0.8, "LEADERSHIP 8/25"),
                        new BaselineVisit("visit-2", null, null, Double.NaN, null)));
        DyadState state = new DyadState("CHN-PRK", 0.62, -0.0, Double.NaN, 7.25, T.plusNanos(123_456_789), 1_234, "event-0", T, EventKind.SUMMIT,
                "RANK_DROP", contributions, new DeltaBaseline(49, 0.1, 0.05, recent, 1.5, 97.5), rank, new VotingRecord(13, 19, "A/RES/78/1", false, "vote-1"),
                Instant.parse("2026-11-29T02:50:42.123456Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            times.add(-86_400_000L * 365 * 20 + 1_000L * i);
        }
        return new DyadAggregate(state, new MoveStats(1_234, 0.1, Double.MIN_VALUE, recent), 5_000, Instant.parse("1960-01-01T00:00:00Z"),
                Instant.ofEpochSecond(-1, 1), times);
    }

    /** Every optional field null and every list empty. */
    static DyadAggregate bare() {
        DyadState state = new DyadState("CHN-PRK", 0, 0, 0, 0, null, 0, null, null, null, null, List.of(), null, null, null, null, null);
        return new DyadAggregate(state, MoveStats.EMPTY, 0, null, null, List.of());
    }

    @Test
    void shouldReadBackEveryFieldExactlyWhenAllArePresent() {
        // Given an aggregate with every optional field set, NaN, -0.0 and pre-1970 instants
        DyadAggregate value = full();

        // When it goes through the serde
        DyadAggregate back = roundTrip(value);

        // Then it is equal, and record equality compares doubles bit for bit
        assertThat(back).isEqualTo(value);
        assertThat(Double.doubleToRawLongBits(back.state().previousScore())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.state().delta()).isNaN();
        assertThat(back.state().eventAppendedAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        assertThat(back.state().contributions()).extracting(Contribution::eventId).containsExactlyElementsOf(
                value.state().contributions().stream().map(Contribution::eventId).toList());
    }

    @Test
    void shouldReadBackEveryFieldExactlyWhenAllOptionalOnesAreNull() {
        // Given an aggregate with every nullable field null and every list empty
        DyadAggregate value = bare();

        // When / Then it reads back equal, and null values stay null (tombstones)
        assertThat(roundTrip(value)).isEqualTo(value);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldReadBackRandomAggregatesExactly() {
        // Given many random aggregates, each optional field null or present at random
        Random random = new Random(20_240_619);
        for (int i = 0; i < 2_000; i++) {
            DyadAggregate value = randomAggregate(random);

            // When / Then each reads back equal to the one written
            assertThat(roundTrip(value)).as("aggregate %d", i).isEqualTo(value);
        }
    }

    @Test
    void shouldWriteAVersionByteAndBeSmallerThanTheJson() {
        // Given a full aggregate
        DyadAggregate value = withoutNonFiniteNumbers(full());

        // When it is serialized
        byte[] binary = serde.serializer().serialize("t", value);

        // Then it starts with the version, never '{', and is well under the JSON's size
        assertThat(binary[0]).isEqualTo((byte) DyadAggregateCodec.VERSION).isNotEqualTo((byte) '{');
        assertThat(binary.length).isLessThan(Json.bytes(value).length * 2 / 3);
    }

    @Test
    void shouldStillReadTheJsonOfEarlierVersions() {
        // Given the JSON an earlier build stored, full and bare
        for (DyadAggregate value : List.of(withoutNonFiniteNumbers(full()), bare())) {
            byte[] json = Json.bytes(value);

            // When / Then it is read as JSON, equal to what was written
            assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(value);
        }
    }

    @Test
    void shouldRejectAnUnknownVersionTruncationAndTrailingBytes() {
        // Given a full value and a bare one
        for (DyadAggregate value : List.of(full(), bare())) {
            byte[] bytes = serde.serializer().serialize("t", value);

            // When / Then another version, a cut at every length and a trailing byte fail as SerializationException
            BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde, bytes);
        }
    }

    @Test
    void shouldRejectAnUnknownEventKind() {
        // Given a value whose event kind names no kind of this build
        byte[] bytes = serde.serializer().serialize("t", full());
        int at = indexOf(bytes, "SUMMIT".getBytes(StandardCharsets.UTF_8));
        bytes[at] = 'X';

        // When / Then reading it fails as SerializationException
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("XUMMIT");
    }

    @Test
    void shouldRejectAValueThatBreaksARecordsRules() {
        // Given a value whose state has no dyad id, which the DyadState constructor refuses
        byte[] valid = serde.serializer().serialize("t", bare());
        int idLength = 1 + "CHN-PRK".length(); // the id's length byte (length + 1), then its bytes
        byte[] bytes = new byte[valid.length - idLength + 1];
        bytes[0] = valid[0];
        bytes[1] = 0; // a null string
        System.arraycopy(valid, 1 + idLength, bytes, 2, valid.length - 1 - idLength);

        // When / Then the constructor's check fails the read as SerializationException
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(NullPointerException.class).hasMessageContaining("dyad");
    }

    private static DyadAggregate withoutNonFiniteNumbers(DyadAggregate a) {
        DyadState s = a.state();
        RankSignal r = s.rankSignal();
        List<BaselineVisit> visits = r.baselineVisits().stream()
                .map(v -> new BaselineVisit(v.eventId(), v.occurredAt(), v.head(), Double.isNaN(v.weight()) ? 0.5 : v.weight(), v.rankLabel())).toList();
        RankSignal finiteRank = new RankSignal(r.eventId(), r.series(), r.head(), r.weight(), r.rankLabel(), r.rankSource(), r.baselineWeight(), r.gap(),
                r.direction(), visits);
        DyadState finite = new DyadState(s.dyad(), s.score(), s.previousScore(), 0.25, s.rawSum(), s.asOf(), s.eventCount(), s.lastEventId(),
                s.lastEventAt(), s.lastEventKind(), s.lastTrigger(), s.contributions(), s.baseline(), finiteRank, s.voting(), s.updatedAt(),
                s.eventAppendedAt());
        return new DyadAggregate(finite, a.moves(), a.historyPoints(), a.lastVoteAt(), a.trimmedThrough(), a.recentTimes());
    }

    static DyadAggregate randomAggregate(Random r) {
        List<Contribution> contributions = new ArrayList<>();
        for (int i = r.nextInt(21); i > 0; i--) {
            contributions.add(new Contribution(string(r, false), kind(r, false), instant(r, false), number(r), number(r), string(r, true)));
        }
        DeltaBaseline baseline = r.nextBoolean() ? null
                : new DeltaBaseline(r.nextLong(), number(r), number(r), doubles(r), r.nextBoolean() ? null : number(r), r.nextBoolean() ? null : number(r));
        RankSignal rank = null;
        if (r.nextBoolean()) {
            List<BaselineVisit> visits = new ArrayList<>();
            for (int i = r.nextInt(6); i > 0; i--) {
                visits.add(new BaselineVisit(string(r, true), instant(r, true), string(r, true), number(r), string(r, true)));
            }
            rank = new RankSignal(string(r, true), string(r, true), string(r, true), number(r), string(r, true), string(r, true),
                    r.nextBoolean() ? null : number(r), r.nextBoolean() ? null : number(r), string(r, true), visits);
        }
        VotingRecord voting = r.nextBoolean() ? null
                : new VotingRecord(r.nextInt(), r.nextInt(), string(r, true), r.nextInt(3) == 0 ? null : r.nextBoolean(), string(r, true));
        DyadState state = new DyadState(string(r, false), number(r), number(r), number(r), number(r), instant(r, true), r.nextLong(), string(r, true),
                instant(r, true), kind(r, true), string(r, true), contributions, baseline, rank, voting, instant(r, true), instant(r, true));
        MoveStats moves = r.nextInt(4) == 0 ? null : new MoveStats(r.nextLong(), number(r), number(r), doubles(r));
        List<Long> times = new ArrayList<>();
        for (int i = r.nextInt(65); i > 0; i--) {
            times.add(r.nextLong());
        }
        return new DyadAggregate(state, moves, r.nextLong(), instant(r, true), instant(r, true), r.nextBoolean() ? times : null);
    }

    static double number(Random r) {
        return r.nextInt(4) == 0 ? AWKWARD[r.nextInt(AWKWARD.length)] : Double.longBitsToDouble(r.nextLong());
    }

    static Instant instant(Random r, boolean nullable) {
        if (nullable && r.nextInt(3) == 0) {
            return null;
        }
        return Instant.ofEpochSecond(r.nextLong(-100_000_000_000L, 100_000_000_000L), r.nextInt(1_000_000_000));
    }

    static String string(Random r, boolean nullable) {
        if (nullable && r.nextInt(3) == 0) {
            return null;
        }
        String[] parts = {"", "CHN", "PRK-RUS", "Пхеньян", "平壤", "🇰🇵", "a\u0000b", "summit — «talks»"};
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(4); i > 0; i--) {
            s.append(parts[r.nextInt(parts.length)]);
        }
        return s.toString();
    }

    static EventKind kind(Random r, boolean nullable) {
        return nullable && r.nextInt(3) == 0 ? null : EventKind.values()[r.nextInt(EventKind.values().length)];
    }

    private static List<Double> doubles(Random r) {
        List<Double> values = new ArrayList<>();
        for (int i = r.nextInt(3) == 0 ? 0 : r.nextInt(101); i > 0; i--) {
            values.add(number(r));
        }
        return values;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
