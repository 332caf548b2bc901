package io.triadwatch.delivery.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedStoreTest {
    private static final Instant T = Instant.parse("2023-07-27T00:00:00Z");

    private static FeedEntry append(FeedStore store, int partition, long offset, Alert alert) {
        return store.append(partition, offset, alert, Json.string(alert));
    }

    @Test
    void shouldKeepTheLatestRecordOfEveryEpisodeAndOfEveryFingerprint() {
        // Given two episodes of one fingerprint
        FeedStore store = new FeedStore(100, 100);
        Alert firing1 = TestAlerts.firing("rank-drop", "CHN-PRK", T);
        Alert resolved1 = TestAlerts.resolved(firing1, T.plusSeconds(60));
        Alert firing2 = TestAlerts.alert("rank-drop", firing1.type(), "CHN-PRK", Alert.Status.FIRING, 2, T.plusSeconds(120));
        append(store, 0, 0, firing1);
        append(store, 0, 1, resolved1);
        append(store, 0, 2, firing2);

        // Then
        assertThat(store.episodes()).extracting(e -> e.alert().episode() + " " + e.alert().status())
                .containsExactlyInAnyOrder("2 FIRING", "1 RESOLVED");
        assertThat(store.current()).containsOnlyKeys("rank-drop:CHN-PRK");
        assertThat(store.current().get("rank-drop:CHN-PRK").alert()).isEqualTo(firing2);
        assertThat(store.history("rank-drop:CHN-PRK")).extracting(FeedEntry::offset).containsExactly(2L, 1L, 0L);
    }

    @Test
    void shouldDropTheOldestRecordsPastItsCapacityAndKnowWhoMissedThem() {
        // Given a log of 2
        FeedStore store = new FeedStore(2, 1);
        for (int i = 0; i < 5; i++) {
            append(store, i % 2, i / 2, TestAlerts.firing("r" + i, "CHN-PRK", T));
        }

        // Then the last two remain, and the history keeps one per fingerprint
        assertThat(store.oldestSeq()).isEqualTo(4);
        assertThat(store.after(0, 10)).extracting(FeedEntry::seq).containsExactly(4L, 5L);
        assertThat(store.after(4, 10)).extracting(FeedEntry::seq).containsExactly(5L);
        assertThat(store.current()).hasSize(5);
        // dropped: partition 0 offsets 0,1; partition 1 offset 0
        assertThat(store.droppedUnseen(FeedPosition.parse("0:2,1:1"))).isFalse();
        assertThat(store.droppedUnseen(FeedPosition.parse("0:1,1:1"))).isTrue();
        assertThat(store.droppedUnseen(FeedPosition.START)).isTrue();
    }
}
