package io.triadwatch.analyzer.dyad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryKeysTest {

    @Test
    void shouldKeepTheKeyLayoutThatStoresOfEarlierBuildsHold() {
        // Given a point at a known instant
        String key = HistoryKeys.key("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z"), "e1");

        // Then its key is the dyad, the event time in milliseconds with the sign bit flipped as 16 lower-case hex digits, and the event
        assertThat(key).isEqualTo("CHN-RUS|8000018f814603f4|e1");
    }

    @Test
    void shouldRangeOverOneDyadsPointsInTimeOrderBeforeAndAfter1970() {
        // Given points of one dyad before and after the epoch, and one of a neighbouring dyad
        String before = HistoryKeys.key("CHN-RUS", Instant.parse("1946-03-01T00:00:00Z"), "a");
        String after = HistoryKeys.key("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z"), "b");
        String neighbour = HistoryKeys.key("CHN-USA", Instant.EPOCH, "c");

        // When they are sorted as a store sorts its keys
        List<String> sorted = List.of(after, neighbour, before).stream().sorted().toList();

        // Then the dyad's points come in time order and its range holds them, not the neighbour's
        assertThat(sorted).containsExactly(before, after, neighbour);
        String from = HistoryKeys.from("CHN-RUS", null);
        String to = HistoryKeys.to("CHN-RUS", null);
        assertThat(List.of(before, after)).allSatisfy(k -> assertThat(k).isGreaterThanOrEqualTo(from).isLessThan(to));
        assertThat(neighbour).isGreaterThan(to);
        assertThat(before).isGreaterThan(HistoryKeys.from("CHN-RUS", Instant.parse("1946-02-28T00:00:00Z")));
        assertThat(after).isLessThan(HistoryKeys.to("CHN-RUS", Instant.parse("2024-05-16T12:00:00.5Z")));
    }
}
