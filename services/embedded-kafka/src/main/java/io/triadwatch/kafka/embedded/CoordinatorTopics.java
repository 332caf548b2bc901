package io.triadwatch.kafka.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * Has a fresh cluster create {@code __transaction_state} and {@code __consumer_offsets} before its
 * first clients need them. Kafka creates each on the first request for a coordinator of its kind, and
 * that client waits until the topic's partitions are created and loaded: on a fresh demo, ~2 s on the
 * path to its first alert, after the Streams applications had their tasks.
 */
final class CoordinatorTopics {

    /** A transactional id and group id that nothing uses: asking for their coordinators is all this does. */
    static final String PROBE_ID = "embedded-kafka-coordinator-probe";

    private CoordinatorTopics() {
    }

    /**
     * Asks for a transaction coordinator and a group coordinator in a background thread.
     *
     * @param client the client properties of a principal that may describe them
     * @return completes once both coordinators answered, exceptionally if one did not within the
     *         admin client's default API timeout
     */
    static CompletableFuture<Void> create(final Map<String, Object> client) {
        return CompletableFuture.runAsync(() -> ask(client), CoordinatorTopics::daemon);
    }

    /** Its own thread: the common pool has one thread on a 2-core machine, and this one blocks for seconds. */
    private static void daemon(final Runnable task) {
        final Thread thread = new Thread(task, "embedded-kafka-coordinator-topics");
        thread.setDaemon(true);
        thread.start();
    }

    private static void ask(final Map<String, Object> client) {
        final Map<String, Object> props = new HashMap<>(client);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, PROBE_ID);
        try (Admin admin = Admin.create(props)) {
            awaitTransactionCoordinator(admin);
            admin.listConsumerGroupOffsets(PROBE_ID).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the coordinators did not answer: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the coordinators", e);
        }
    }

    private static void awaitTransactionCoordinator(final Admin admin) throws ExecutionException, InterruptedException {
        try {
            admin.describeTransactions(List.of(PROBE_ID)).all().get();
        } catch (ExecutionException e) {
            // The coordinator answered, about an id it has never seen: its topic exists and is loaded.
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                throw e;
            }
        }
    }
}
