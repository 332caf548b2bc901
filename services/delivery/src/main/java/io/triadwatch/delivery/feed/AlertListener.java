package io.triadwatch.delivery.feed;

/**
 * Told about each record the {@link AlertFeed} reads once it is ready (caught up with the topic as
 * it was at start). Records read while catching up are not announced: a listener that needs them
 * reads {@link AlertFeed#current()} after {@link AlertFeed#awaitReady}.
 */
@FunctionalInterface
public interface AlertListener {
    /**
     * Called on the feed's thread, in the order the feed reads records. Must return quickly (hand
     * work to another thread) and should not throw; an exception is logged and the feed goes on.
     *
     * @param entry the record just read
     */
    void onAlert(FeedEntry entry);
}
