package io.triadwatch.delivery.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedPositionTest {
    private static final Alert ALERT = TestAlerts.firing("rank-drop", "CHN-PRK", Instant.parse("2023-07-27T00:00:00Z"));

    private static FeedEntry entry(long seq, int partition, long offset) {
        return new FeedEntry(seq, partition, offset, ALERT, Json.string(ALERT));
    }

    @Test
    void shouldCoverExactlyTheRecordsBelowEachPartitionsNextOffset() {
        // Given a reader that has seen partition 0 up to offset 11 and partition 2 up to offset 4
        FeedPosition position = FeedPosition.START.after(entry(1, 0, 11)).after(entry(2, 2, 4));

        // Then
        assertThat(position.covers(0, 11)).isTrue();
        assertThat(position.covers(0, 12)).isFalse();
        assertThat(position.covers(1, 0)).isFalse();
        assertThat(position.covers(2, 3)).isTrue();
        assertThat(position.toString()).isEqualTo("0:12,2:5");
    }

    @Test
    void shouldRoundTripThroughItsText() {
        // Given
        FeedPosition position = FeedPosition.parse("2:30,0:12,1:7");

        // When / Then: sorted by partition, stable
        assertThat(position.toString()).isEqualTo("0:12,1:7,2:30");
        assertThat(FeedPosition.parse(position.toString())).isEqualTo(position);
        assertThat(FeedPosition.parse(" ")).isEqualTo(FeedPosition.START);
    }

    @Test
    void shouldNeverMoveBackwards() {
        // Given
        FeedPosition position = FeedPosition.parse("0:12");

        // When an older record of the same partition is seen
        FeedPosition after = position.after(entry(5, 0, 3));

        // Then
        assertThat(after).isEqualTo(position);
    }

    @Test
    void shouldRejectTextThatIsNotAPosition() {
        assertThatThrownBy(() -> FeedPosition.parse("42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedPosition.parse("0:1,0:2")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FeedPosition.parse("0:99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedPosition.parse("a:b")).isInstanceOf(IllegalArgumentException.class);
    }
}
