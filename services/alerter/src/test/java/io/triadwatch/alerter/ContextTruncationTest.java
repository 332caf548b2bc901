package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.context.ContextCut;
import io.triadwatch.alerter.context.DyadContext;
import io.triadwatch.alerter.context.DyadContextStore;
import io.triadwatch.alerter.context.DyadTriads;
import io.triadwatch.alerter.context.TriadSnapshot;
import io.triadwatch.alerter.context.TriadTimeline;
import io.triadwatch.alerter.context.TriadUpdate;
import io.triadwatch.model.state.TriadState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dyad's context ({@link DyadContextStore}, on real stores) keeps what its next readings use however far a
 * triad's states run ahead of the dyad's own, reads as of a move exactly, and a reading whose triad has
 * dropped states it would use is detected (and counted by the evaluator).
 */
class ContextTruncationTest {
    private static final int KEPT = 4;
    private static final String DYAD = "CHN-RUS";
    private static final String TRIAD = "CHN-PRK-RUS";
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    private DyadContextStore store;
    private KeyValueStore<String, byte[]> readings;

    @BeforeEach
    void openStores() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        readings = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AlerterStores.DYAD_READINGS),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        KeyValueStore<String, DyadTriads> triads = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AlerterStores.DYAD_TRIADS),
                Serdes.String(), DyadTriads.serde()).withLoggingDisabled().build();
        readings.init(context.getStateStoreContext(), readings);
        triads.init(context.getStateStoreContext(), triads);
        store = new DyadContextStore(readings, triads, Duration.ofDays(730), KEPT);
    }

    private static TriadUpdate state(int day, String eventId) {
        return new TriadUpdate(TRIAD, States.triad(TRIAD, START.plusDays(day).toString(), DYAD, eventId, "CHN", true, Map.of(
                "CHN-PRK", new double[]{0.5, 0}, DYAD, new double[]{0.01 * day, 0.01}, "PRK-RUS", new double[]{0.2, 0})));
    }

    /** The triad's states of {@code days} consecutive days, applied while the dyad's progress is {@code progress}. */
    private void withDays(int days, Instant progress) {
        for (int day = 0; day < days; day++) {
            store.apply(DYAD, state(day, "e" + day), progress);
        }
    }

    private static Instant day(int day) {
        return START.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private int size() {
        return store.triadsOf(DYAD).cursors().get(TRIAD).size();
    }

    private DyadContext readAt(ContextCut cut) {
        return store.readAt(DYAD, cut);
    }

    @Test
    void shouldKeepEveryStateAfterTheDyadsProgressHoweverManyArrivedFirst() {
        // Given a dyad evaluated up to day 1 while 200 states of its triad arrived
        withDays(200, day(1));

        // Then every state after day 1 is kept, with KEPT up to it, and a reading at day 2 finds all it uses
        assertThat(size()).isEqualTo(198 + 2);
        ContextCut next = new ContextCut(day(2), null);
        assertThat(readAt(next).truncatedAt(next, KEPT)).isEmpty();
        assertThat(readAt(next).triads().get(TRIAD).snapshots()).extracting(TriadSnapshot::lastEventId).containsExactly("e0", "e1", "e2");
    }

    @Test
    void shouldDropStatesUpToTheProgressBeyondTheBoundAndSayALateReadingIsTruncated() {
        // Given a dyad evaluated up to day 100 and its triad's states of days 0..119 (trimmed every KEPT readings)
        withDays(120, day(100));

        // Then KEPT states up to day 100 are kept, and every later one
        assertThat(size()).isEqualTo(KEPT + 19);
        // And a reading at day 100 or later is whole, a late one at day 10 is truncated
        for (int day : new int[]{100, 110}) {
            ContextCut cut = new ContextCut(day(day), null);
            assertThat(readAt(cut).truncatedAt(cut, KEPT)).isEmpty();
            assertThat(readAt(cut).triads().get(TRIAD).snapshots()).hasSize(KEPT).last().extracting(TriadSnapshot::asOf).isEqualTo(day(day));
        }
        ContextCut late = new ContextCut(day(10), null);
        assertThat(readAt(late).truncatedAt(late, KEPT)).containsExactly(TRIAD);
    }

    @Test
    void shouldNeverSayAReadingIsTruncatedWhenNothingWasDropped() {
        // Given a dyad never evaluated, with a few states of its triad
        withDays(KEPT + 3, null);

        // Then nothing was dropped and an early reading is whole as far as it goes
        ContextCut early = new ContextCut(day(1), null);
        assertThat(size()).isEqualTo(KEPT + 3);
        assertThat(readAt(early).truncatedAt(early, KEPT)).isEmpty();
    }

    @Test
    void shouldCapTheStatesAheadOfADyadNeverEvaluated() {
        // Given a dyad not evaluated yet while more than the cap of its triad's states arrived
        withDays(KEPT + DyadContextStore.CAP + 5, null);

        // Then the triad's readings are cut at the cap, and a reading of the first days is truncated
        assertThat(size()).isEqualTo(KEPT + DyadContextStore.CAP);
        ContextCut early = new ContextCut(day(3), null);
        assertThat(readAt(early).truncatedAt(early, KEPT)).containsExactly(TRIAD);
    }

    @Test
    void shouldReadAsOfTheMoveLeavingOutStatesOfTheSameInstantAppliedAfterIt() {
        // Given three states of one day (moves a, b, c in the order the analyzer applied them) and one a day later
        store.apply(DYAD, state(0, "a"), null);
        store.apply(DYAD, state(0, "b"), null);
        store.apply(DYAD, state(0, "c"), null);
        store.apply(DYAD, state(1, "d"), null);

        // Then a reading as of move b stops at b, and the move has its reading; a later move waits for its own
        ContextCut atB = ContextCut.atMove(day(0), DYAD, "b");
        TriadTimeline read = readAt(atB).triads().get(TRIAD);
        assertThat(read.snapshots()).extracting(TriadSnapshot::lastEventId).containsExactly("a", "b");
        assertThat(store.missingReadings(DYAD, atB)).isEmpty();
        assertThat(store.missingReadings(DYAD, ContextCut.atMove(day(1), DYAD, "e"))).containsExactly(TRIAD);
        assertThat(store.missingReadings(DYAD, ContextCut.atMove(day(1), DYAD, "d"))).isEmpty();
    }

    @Test
    void shouldReplaceAReadingOfTheSameMoveAndForgetATriadOnItsTombstone() {
        // Given a move stated twice, then the triad's tombstone
        store.apply(DYAD, state(0, "a"), null);
        store.apply(DYAD, state(0, "a"), null);
        assertThat(size()).isEqualTo(1);

        store.apply(DYAD, new TriadUpdate(TRIAD, null), null);

        // Then the dyad is in no triad and reads no context
        assertThat(store.triadsOf(DYAD).cursors()).isEmpty();
        assertThat(readAt(new ContextCut(day(0), null))).isNull();
    }

    @Test
    void shouldWaitForATriadAnnouncedWithoutReadings() {
        // Given a triad announced (a state without event time) and no reading yet
        store.apply(DYAD, new TriadUpdate(TRIAD, new TriadState(TRIAD, List.of("CHN", "PRK", "RUS"), null, List.of(), 0, "000", false, null,
                false, 0, null, null, null, null, null)), null);

        // Then a move waits for it, and an alert reads nothing from it
        ContextCut cut = ContextCut.atMove(day(0), DYAD, "a");
        assertThat(store.missingReadings(DYAD, cut)).containsExactly(TRIAD);
        assertThat(readAt(cut).triads().get(TRIAD).snapshots()).isEmpty();
    }

    @Test
    void shouldNotWaitForAReadingThatCannotBeReadAndSayWhyAnAlertReadsNoContext() {
        // Given the only reading of a move's instant stored corrupt
        store.apply(DYAD, state(0, "a"), null);
        String key;
        try (var it = readings.all()) {
            key = it.next().key;
        }
        readings.put(key, new byte[] {2, 9});

        // Then the move does not wait for it, and reading the context fails with a clear error
        ContextCut cut = ContextCut.atMove(day(0), DYAD, "a");
        assertThat(store.missingReadings(DYAD, cut)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAt(cut)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read");
    }
}
