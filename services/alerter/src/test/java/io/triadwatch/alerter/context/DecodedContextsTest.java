package io.triadwatch.alerter.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodedContextsTest {
    private static final DyadContext ONE = new DyadContext(Map.of("CHN-PRK-RUS", TriadTimeline.empty()));
    private static final DyadContext TWO = new DyadContext(Map.of("CHN-PRK-RUS", TriadTimeline.empty(), "CHN-PRK-USA", new TriadTimeline(List.of())));

    @Test
    void shouldReuseTheContextLastWrittenOnlyWhileTheStoreHoldsItsBytes() {
        // Given a context written for CHN-PRK
        DecodedContexts decoded = new DecodedContexts(2);
        StoredContext written = StoredContext.of(ONE);
        decoded.wrote("CHN-PRK", written);

        // Then reading the same bytes back gives the very object written, not a decoded copy
        assertThat(decoded.read("CHN-PRK", StoredContext.ofBytes(written.bytes().clone()))).isSameAs(written.context());
        // And other bytes (an aborted write, read back as committed) are decoded
        StoredContext other = StoredContext.ofBytes(StoredContext.of(TWO).bytes());
        assertThat(decoded.read("CHN-PRK", other)).isEqualTo(TWO).isNotSameAs(written.context());
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedBeyondItsCapacity() {
        // Given room for two dyads, and three written
        DecodedContexts decoded = new DecodedContexts(2);
        StoredContext first = StoredContext.of(ONE);
        decoded.wrote("A-B", first);
        decoded.wrote("A-C", StoredContext.of(ONE));
        decoded.wrote("A-D", StoredContext.of(ONE));

        // Then the first is decoded again
        assertThat(decoded.read("A-B", StoredContext.ofBytes(first.bytes()))).isEqualTo(ONE).isNotSameAs(first.context());
    }
}
