package io.triadwatch.alerter.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.AlerterStores;
import io.triadwatch.model.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-move layout of the alerter's dyad histories ({@link DyadHistoryStore}, on a real store) gives
 * exactly the histories the whole-value layout gave ({@link DyadHistory#with}), from memory and read back
 * cold, keeps nothing a history has dropped, and takes over the whole values an earlier build wrote.
 */
class DyadHistoryStoreTest {
    private static final Duration RETENTION = Duration.ofDays(60);
    private static final int MAX = 16;
    private static final Instant START = Instant.parse("1961-07-01T00:00:00Z");

    private KeyValueStore<String, DyadHistory> kv;

    @BeforeEach
    void openStore() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        kv = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AlerterStores.DYAD_HISTORY), Serdes.String(), DyadHistoryCodec.serde())
                .withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
    }

    private static DyadMove move(String id, Instant at, double delta) {
        return new DyadMove(id, EventKind.SUMMIT, "SUMMIT", at, 0.1, delta, delta, "summary of " + id,
                new MoveStats(3, 0.1, 0.05, List.of()), 1.5, 80.0);
    }

    private long entries(String dyad) {
        long n = 0;
        try (KeyValueIterator<String, DyadHistory> it = kv.prefixScan(dyad + "|", new StringSerializer())) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldGiveTheHistoriesOfTheWholeValueLayoutFromMemoryAndReadBackCold() {
        // Given two dyads, a small bound, and moves out of order, at equal times, and far apart in time
        DyadHistoryStore store = new DyadHistoryStore(kv, 24);
        SplittableRandom random = new SplittableRandom(7);
        String[] dyads = {"CHN-RUS", "PRK-RUS"};
        DyadHistory[] expected = {DyadHistory.empty(), DyadHistory.empty()};
        for (int i = 0; i < 600; i++) {
            int d = random.nextInt(2);
            // mostly forward in time, sometimes back, often on a time already taken
            Instant at = START.plus(Duration.ofDays(i / 4 - random.nextInt(6)));
            List<Double> recent = random.nextInt(3) == 0 ? List.of() : List.of(random.nextDouble(), (double) i);

            // When each is added to the store and to the reference
            DyadMove m = move("e" + i, at, random.nextDouble() - 0.5);
            DyadHistory added = store.add(dyads[d], m, recent, RETENTION, MAX);
            expected[d] = expected[d].with(m, recent, RETENTION, MAX);

            // Then the store answers what the reference holds, and a cold reader of the same entries too
            assertThat(added).isEqualTo(expected[d]);
            if (i % 37 == 0) {
                for (int k = 0; k < 2; k++) {
                    assertThat(new DyadHistoryStore(kv).get(dyads[k])).isEqualTo(expected[k]);
                    assertThat(entries(dyads[k])).as("entries of %s", dyads[k]).isEqualTo(expected[k].moves().size());
                }
            }
        }
        // and a bound of 24 moves in memory for two dyads of 16 made the store read them back as it went
        for (int k = 0; k < 2; k++) {
            assertThat(store.get(dyads[k])).isEqualTo(expected[k]);
        }
    }

    @Test
    void shouldSplitAWholeHistoryOfAnEarlierBuildIntoOneEntryPerMove() {
        // Given a whole history as the earlier build wrote it, two of its moves at one time
        List<DyadMove> moves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            moves.add(move("old" + i, START.plus(Duration.ofDays(i == 3 ? 2 : i)), 0.1 * i));
        }
        DyadHistory whole = new DyadHistory(moves, List.of(0.2, 0.3));
        kv.put("CHN-USA", whole);

        // When the dyad is read, then a move is added at the time the two share
        DyadHistoryStore store = new DyadHistoryStore(kv);
        DyadHistory read = store.get("CHN-USA");
        DyadMove next = move("new", START.plus(Duration.ofDays(2)), -0.4);
        DyadHistory after = store.add("CHN-USA", next, null, RETENTION, MAX);

        // Then it reads as before, its head keeps only the recent moves, and the new move follows the two
        assertThat(read).isEqualTo(whole);
        assertThat(kv.get("CHN-USA").moves()).isEmpty();
        assertThat(kv.get("CHN-USA").recent()).containsExactly(0.2, 0.3);
        assertThat(after).isEqualTo(whole.with(next, null, RETENTION, MAX));
        assertThat(after.moves()).extracting(DyadMove::eventId).containsExactly("old0", "old1", "old2", "old3", "new", "old4");
        assertThat(new DyadHistoryStore(kv).get("CHN-USA")).isEqualTo(after);
        assertThat(entries("CHN-USA")).isEqualTo(6);
    }

    @Test
    void shouldSortKeysByEventTimeBeforeAndAfter1970() {
        // Given moves before and after the epoch
        String before = DyadHistoryStore.moveKey("CHN-RUS", Instant.parse("1946-03-01T00:00:00Z"), 0);
        String epoch = DyadHistoryStore.moveKey("CHN-RUS", Instant.EPOCH, 0);
        String after = DyadHistoryStore.moveKey("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z"), 0);
        String later = DyadHistoryStore.moveKey("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z"), 1);

        // Then their keys sort as their times, then their sequence
        assertThat(List.of(later, after, epoch, before).stream().sorted().toList()).containsExactly(before, epoch, after, later);
    }

    @Test
    void shouldKeepTheKeyLayoutThatStoresOfEarlierBuildsHold() {
        // Given a move at a known instant, with a known sequence
        String key = DyadHistoryStore.moveKey("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z"), 7);

        // Then its key is the dyad, then seconds with the sign bit flipped, nanos and sequence, as fixed-width lower-case hex
        assertThat(key).isEqualTo("CHN-RUS|800000006645f540" + "1dcd6500" + "00000007");
    }
}
