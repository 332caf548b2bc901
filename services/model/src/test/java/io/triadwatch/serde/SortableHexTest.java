package io.triadwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortableHexTest {

    @Test
    void shouldWriteWhatFormatterWritesForEveryLongAndInt() {
        // Given the edges and random values of both widths
        List<Long> longs = new ArrayList<>(List.of(0L, 1L, -1L, 15L, 16L, Long.MIN_VALUE, Long.MAX_VALUE, 1_717_000_000_000L ^ Long.MIN_VALUE));
        List<Integer> ints = new ArrayList<>(List.of(0, 1, -1, 15, 16, Integer.MIN_VALUE, Integer.MAX_VALUE, 999_999_999));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            longs.add(random.nextLong());
            ints.add(random.nextInt());
        }

        // When each is written, then the characters are Formatter's
        for (long v : longs) {
            assertThat(SortableHex.of(v)).as("%d", v).isEqualTo(String.format("%016x", v));
        }
        for (int v : ints) {
            assertThat(SortableHex.append(new StringBuilder("k|"), v).toString()).as("%d", v).isEqualTo("k|" + String.format("%08x", v));
        }
    }

    @Test
    void shouldSortAsTheNumbersWhenTheSignBitIsFlipped() {
        // Given times before and after the epoch, flipped as the store keys flip them
        long[] ordered = {Long.MIN_VALUE, -86_400_000L, -1L, 0L, 1L, 86_400_000L, Long.MAX_VALUE};

        // Then their keys sort in the same order
        for (int i = 1; i < ordered.length; i++) {
            assertThat(SortableHex.of(ordered[i - 1] ^ Long.MIN_VALUE)).isLessThan(SortableHex.of(ordered[i] ^ Long.MIN_VALUE));
        }
    }
}
