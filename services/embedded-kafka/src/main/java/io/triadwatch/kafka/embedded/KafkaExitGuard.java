package io.triadwatch.kafka.embedded;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's server code from terminating the JVM that embeds it.
 * <p>
 * Kafka routes every process exit through {@code org.apache.kafka.common.utils.internals.Exit}
 * (in Kafka 3.x this class was {@code org.apache.kafka.common.utils.Exit}). Once
 * {@link #install()} has been called, both {@code Exit.exit} and {@code Exit.halt} log the request
 * at ERROR and throw a {@link KafkaExitException} instead of ending the process. The most recent
 * request stays available through {@link #lastAttempt()} so that a test or the demo can notice a
 * broker fault after the fact.
 * <p>
 * The guard is process wide, idempotent and never uninstalled: an embedded broker may fail at any
 * moment of the JVM's life. {@link EmbeddedKafkaCluster#start()} installs it automatically.
 */
public final class KafkaExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);
    private static final AtomicReference<KafkaExitException> LAST = new AtomicReference<>();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static volatile boolean installed;

    private KafkaExitGuard() {
    }

    /**
     * Redirects Kafka's exit and halt procedures so that they throw instead of terminating the JVM.
     * <p>
     * Calling this method more than once has no further effect.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Exit.setExitProcedure((statusCode, message) -> intercept(false, statusCode, message));
        Exit.setHaltProcedure((statusCode, message) -> intercept(true, statusCode, message));
        installed = true;
        LOG.debug("Kafka exit guard installed: Exit.exit and Exit.halt will throw instead of ending the JVM");
    }

    /**
     * Returns whether {@link #install()} has been called in this JVM.
     *
     * @return {@code true} once the guard is installed
     */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Returns the most recent exit or halt request that the guard intercepted.
     *
     * @return the last intercepted request, or empty if Kafka never asked to terminate the JVM
     */
    public static Optional<KafkaExitException> lastAttempt() {
        return Optional.ofNullable(LAST.get());
    }

    /**
     * Returns how many exit or halt requests the guard has intercepted since it was installed.
     *
     * @return the number of intercepted requests
     */
    public static int attemptCount() {
        return ATTEMPTS.get();
    }

    private static void intercept(final boolean halt, final int statusCode, final String message) {
        final KafkaExitException attempt = new KafkaExitException(halt, statusCode, message);
        LAST.set(attempt);
        ATTEMPTS.incrementAndGet();
        LOG.error("{}; the JVM keeps running (intercepted by KafkaExitGuard)", attempt.getMessage(), attempt);
        throw attempt;
    }
}
