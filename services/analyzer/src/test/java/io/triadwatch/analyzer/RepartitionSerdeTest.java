package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.Combined;
import io.triadwatch.analyzer.dyad.DyadInputSerde;
import io.triadwatch.analyzer.dyad.HistoryPoint;
import io.triadwatch.analyzer.dyad.HistoryPointSerde;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.analyzer.impulse.DyadImpulse;
import io.triadwatch.analyzer.impulse.ResolvedRank;
import io.triadwatch.analyzer.order.Watermark;
import io.triadwatch.analyzer.triad.DyadMove;
import io.triadwatch.analyzer.triad.TriadInput;
import io.triadwatch.analyzer.triad.TriadInputSerde;
import io.triadwatch.model.EventKind;
import io.triadwatch.model.Tier;
import io.triadwatch.model.Triad;
import io.triadwatch.model.state.ChannelSums;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The binary forms of the analyzer's internal repartition records (watermarks included) and of channel sums in the
 * history read back equal, still read the JSON of earlier builds, and reject what they cannot read.
 */
class RepartitionSerdeTest {
    private static final Instant AT = Instant.parse("2023-07-27T00:00:00.5Z");
    private static final ChannelSums SUMS = new ChannelSums(6.5, -3.25, 2.0, 0.5, 0.25, 1.0, 0.25, -0.75, 1.5);

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static List<DyadInput> dyadInputs() {
        ResolvedRank rank = new ResolvedRank(Tier.LEADERSHIP, 24, 25, ResolvedRank.REGISTRY, 0.416, "li-hongzhong@2022-10-23");
        DyadImpulse.VisitFacts visit = new DyadImpulse.VisitFacts("PRK", "CHN", "PRK_VICTORY_DAY", "Li Hongzhong", rank);
        ResolvedRank unranked = new ResolvedRank(Tier.MINISTER, null, null, ResolvedRank.TIER_ONLY, 0.3, null);
        return List.of(
                DyadInput.of("CHN-PRK", new ImpulseInput("v1", EventKind.DELEGATION_VISIT, AT, 1_700_000_000_000L, 2.496, null, "Victory Day — «visit»",
                        visit, null)),
                DyadInput.of("CHN-PRK", new ImpulseInput("v2", EventKind.DELEGATION_VISIT, AT, 0, 1.8, null, null,
                        new DyadImpulse.VisitFacts("PRK", "CHN", null, "A minister", unranked), null)),
                DyadInput.of("RUS-USA", new ImpulseInput("u1", EventKind.UN_VOTE, AT, 5, -1.0, SUMS, "S/2024/255",
                        null, new DyadImpulse.VoteFacts("S/2024/255", false))),
                DyadInput.of("CAN-USA", new ImpulseInput("c7", EventKind.CODED, AT, 9, 4.25, ChannelSums.coded(3, 12.5, 1), "3 coded events",
                        null, null, new Combined(3, List.of("c7", "c2")))),
                DyadInput.membership("CHN-PRK", "CHN-PRK-RUS", true),
                DyadInput.membership("CHN-PRK", "CHN-PRK-RUS", false),
                DyadInput.mark(new Watermark(2, AT.toEpochMilli())), DyadInput.mark(new Watermark(0, Watermark.IDLE)));
    }

    private static List<TriadInput> triadInputs() {
        DyadMove curated = new DyadMove("CHN-PRK", 7.5, AT, 0.63, 0.1, "e1", AT, true);
        DyadMove channels = new DyadMove("PRK-RUS", 9.1, AT, 0.72, -0.2, "e2", AT.minusSeconds(60), true, SUMS);
        DyadMove never = new DyadMove("CHN-RUS", 0, null, 0, 0, null, null, false);
        return List.of(TriadInput.move("CHN-PRK-RUS", curated), TriadInput.snapshot("CHN-PRK-RUS", channels, List.of(curated, channels)),
                TriadInput.move("CHN-PRK-RUS", never), TriadInput.define(new Triad("CHN-PRK-RUS", List.of("CHN", "PRK", "RUS"), "CHN", "the triangle")),
                TriadInput.remove("CHN-PRK-RUS"), TriadInput.mark(new Watermark(5, -AT.toEpochMilli())));
    }

    @Test
    void shouldReadBackEveryKindOfDyadInputExactly() {
        DyadInputSerde serde = new DyadInputSerde();
        for (DyadInput input : dyadInputs()) {
            assertThat(roundTrip(serde, input)).isEqualTo(input);
            // And the JSON of an earlier build still in flight reads the same
            assertThat(serde.deserializer().deserialize("t", Json.bytes(input))).isEqualTo(input);
        }
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde, serde.serializer().serialize("t", dyadInputs().get(0)));
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde,
                serde.serializer().serialize("t", DyadInput.mark(new Watermark(1, AT.toEpochMilli()))));
    }

    @Test
    void shouldReadBackEveryKindOfTriadInputExactly() {
        TriadInputSerde serde = new TriadInputSerde();
        for (TriadInput input : triadInputs()) {
            assertThat(roundTrip(serde, input)).isEqualTo(input);
            assertThat(serde.deserializer().deserialize("t", Json.bytes(input))).isEqualTo(input);
        }
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde, serde.serializer().serialize("t", triadInputs().get(1)));
        BinarySerdeChecks.assertRejectsUnknownVersionTruncationAndTrailingBytes(serde,
                serde.serializer().serialize("t", TriadInput.mark(new Watermark(1, AT.toEpochMilli()))));
    }

    @Test
    void shouldKeepAHistoryPointsChannelSumsExactly() {
        HistoryPointSerde serde = new HistoryPointSerde();
        HistoryPoint point = new HistoryPoint(AT, 0.5, 0.1, 5.4, 1.0, "e", EventKind.CODED, null, SUMS, ChannelSums.coded(1, 4, 1));
        assertThat(roundTrip(serde, point)).isEqualTo(point);
        // And the one point of a combined record keeps its count and ids
        HistoryPoint combined = new HistoryPoint(AT, 0.5, 0.1, 5.4, 1.0, "e", EventKind.CODED, "2 coded events", SUMS, ChannelSums.coded(2, 4, 1),
                new Combined(2, List.of("e", "f")));
        assertThat(roundTrip(serde, combined)).isEqualTo(combined);
        assertThat(serde.deserializer().deserialize("t", Json.bytes(combined))).isEqualTo(combined);
    }
}
