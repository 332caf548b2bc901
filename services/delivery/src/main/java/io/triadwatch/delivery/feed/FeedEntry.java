package io.triadwatch.delivery.feed;

import io.triadwatch.model.alert.Alert;
import java.util.Objects;

/**
 * One alert record as the {@link AlertFeed} read it.
 *
 * @param seq       this process's sequence number: 1 for the first record the feed read, then 2, 3 ...
 *                  in the order the feed appended them. It orders the in-memory log only; it is
 *                  <em>not</em> comparable across processes (use {@link FeedPosition} for that)
 * @param partition the record's partition of the alerts topic
 * @param offset    the record's offset in that partition
 * @param alert     the alert
 * @param json      the alert as compact single-line JSON ({@code Json.string(alert)}), ready to send
 */
public record FeedEntry(long seq, int partition, long offset, Alert alert, String json) {
    public FeedEntry {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(json, "json");
        if (seq < 1 || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("seq must be ≥ 1, partition and offset ≥ 0: " + seq + "/" + partition + "/" + offset);
        }
    }

    /** @return the alert's fingerprint */
    public String fingerprint() {
        return alert.fingerprint();
    }

    /** @return whether this entry was written after {@code other} (same fingerprint, hence same partition) */
    public boolean isNewerThan(FeedEntry other) {
        return other == null || partition != other.partition || offset > other.offset;
    }
}
