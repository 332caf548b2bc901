package io.triadwatch.kafka.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs an action on several nodes at once, one thread per node, and waits for all of them. */
final class Parallel {

    private Parallel() {
    }

    /**
     * Applies {@code action} to every node concurrently (or directly, for a single node) and rethrows
     * the first failure once all have finished.
     */
    static void run(final String threadPrefix, final List<KafkaNode> nodes, final Consumer<KafkaNode> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        final List<Thread> threads = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
        for (KafkaNode node : nodes) {
            final Thread thread = new Thread(() -> {
                try {
                    action.accept(node);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, threadPrefix + node.plan().nodeId());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + thread.getName(), e);
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                final RuntimeException first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        }
    }
}
