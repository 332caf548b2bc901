package io.triadwatch.delivery.feed;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How far a reader has got through the alerts topic: for each partition, the offset of the next
 * record it has <em>not</em> seen. This is the server-sent-event id of the alert stream.
 * <p>
 * Why a vector of offsets and not one number: the alerts topic has several partitions and Kafka
 * orders records only within a partition, so no global sequence exists that two alerter instances
 * would agree on. A position made of partition offsets means the same thing on every instance:
 * a client that reconnects to another instance with its {@code Last-Event-ID} gets every record it
 * has not seen exactly once, even though the instances may interleave partitions differently.
 * <p>
 * Text form: {@code partition:nextOffset} pairs sorted by partition and joined by commas, e.g.
 * {@code 0:12,1:7,2:30}; a partition left out means "nothing seen there yet". Values are immutable.
 */
public final class FeedPosition {
    /** The position of a reader that has seen nothing. */
    public static final FeedPosition START = new FeedPosition(new TreeMap<>());

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9}:\\d{1,19})(,\\d{1,9}:\\d{1,19})*");
    private static final int MAX_TEXT = 4096;

    private final TreeMap<Integer, Long> next;

    private FeedPosition(TreeMap<Integer, Long> next) {
        this.next = next;
    }

    /**
     * Parses the text form.
     *
     * @param text e.g. {@code 0:12,1:7}; blank means {@link #START}
     * @return the position
     * @throws IllegalArgumentException if the text is not of that form or names a partition twice
     */
    public static FeedPosition parse(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_TEXT || !TEXT.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a stream position (expected partition:offset pairs such as 0:12,1:7)");
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        for (String pair : trimmed.split(",")) {
            int colon = pair.indexOf(':');
            try {
                int partition = Integer.parseInt(pair.substring(0, colon));
                long offset = Long.parseLong(pair.substring(colon + 1));
                if (next.put(partition, offset) != null) {
                    throw new IllegalArgumentException("partition " + partition + " appears twice in the stream position");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("stream position number out of range: " + pair, e);
            }
        }
        return new FeedPosition(next);
    }

    /** @return whether a reader at this position has already seen the record at {@code partition}/{@code offset} */
    public boolean covers(int partition, long offset) {
        return offset < next(partition);
    }

    /** @return whether a reader at this position has already seen {@code entry} */
    public boolean covers(FeedEntry entry) {
        return covers(entry.partition(), entry.offset());
    }

    /** @return the offset of the next unseen record of {@code partition}, 0 when nothing was seen there */
    public long next(int partition) {
        return next.getOrDefault(partition, 0L);
    }

    /**
     * @return this position after seeing {@code entry}; positions never move backwards, so an entry
     *         already covered gives back this position
     */
    public FeedPosition after(FeedEntry entry) {
        if (covers(entry)) {
            return this;
        }
        TreeMap<Integer, Long> moved = new TreeMap<>(next);
        moved.put(entry.partition(), entry.offset() + 1);
        return new FeedPosition(moved);
    }

    /** @return partition → next unseen offset, sorted by partition, unmodifiable */
    public Map<Integer, Long> offsets() {
        return Collections.unmodifiableMap(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeedPosition other && next.equals(other.next);
    }

    @Override
    public int hashCode() {
        return Objects.hash(next);
    }

    /** @return the text form, e.g. {@code 0:12,1:7}; empty for {@link #START} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        next.forEach((partition, offset) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(partition).append(':').append(offset);
        });
        return text.toString();
    }
}
