package io.triadwatch.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The optional {@value #HEADER} header of an events record: "the producer waits for the analyzer
 * after this event". A backtest sets it on the last event of each pace; where the analyzer combines
 * in input order (a backtest, {@code AnalyzerConfig.Combining#inputOrder()}), its intake then forwards
 * every coded bucket it holds open right after that event's impulses, instead of after a flush
 * interval of idleness. The flush points stay where the input puts them, so the same input gives the
 * same states, and the producer's wait ends in the time the records take to commit rather than in
 * two seconds or more. Live, the header is ignored. A marked event that gives no impulse (a duplicate,
 * a dead letter) flushes nothing: that pace then ends with the idle flush, as before the header, which
 * is slower and gives the same states. Part of the public contract (docs/contract.md).
 */
public final class PaceEnd {
    /** The header's name; its value is not read. */
    public static final String HEADER = "triadwatch.pace-end";
    private static final byte[] VALUE = "1".getBytes(StandardCharsets.UTF_8);

    private PaceEnd() {
    }

    /** @return new headers holding only the pace-end mark */
    public static Headers headers() {
        return new RecordHeaders().add(HEADER, VALUE);
    }

    /** @return true when {@code headers} carry the pace-end mark */
    public static boolean isSet(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }

    /** @return a copy of {@code headers} without the pace-end mark */
    public static Headers without(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : headers) {
            if (!HEADER.equals(h.key())) {
                copy.add(h);
            }
        }
        return copy;
    }
}
