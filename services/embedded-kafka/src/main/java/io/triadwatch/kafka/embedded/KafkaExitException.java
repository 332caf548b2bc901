package io.triadwatch.kafka.embedded;

/**
 * Thrown in place of a JVM exit or halt that Kafka code requested while the
 * {@link KafkaExitGuard} is installed.
 * <p>
 * Kafka's server code calls {@code Exit.exit} or {@code Exit.halt} when it meets a fault it
 * cannot recover from (for example a fatal metadata fault). In a standalone broker that ends the
 * process; in an embedded broker it would end the host application or the test JVM. The guard
 * turns the call into this exception instead, so the fault surfaces in the thread that raised it
 * and is logged, while the JVM keeps running.
 */
public final class KafkaExitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean halt;
    private final int statusCode;

    /**
     * Creates an exception describing one intercepted exit or halt request.
     *
     * @param halt       {@code true} if Kafka asked to halt the JVM, {@code false} for an exit
     * @param statusCode the status code Kafka asked for
     * @param message    the message Kafka gave, may be {@code null}
     */
    public KafkaExitException(final boolean halt, final int statusCode, final String message) {
        super((halt ? "Kafka requested Runtime.halt(" : "Kafka requested System.exit(") + statusCode + ")"
                + (message == null ? "" : ": " + message));
        this.halt = halt;
        this.statusCode = statusCode;
    }

    /**
     * Returns whether the intercepted request was a halt rather than an exit.
     *
     * @return {@code true} for {@code Exit.halt}, {@code false} for {@code Exit.exit}
     */
    public boolean isHalt() {
        return halt;
    }

    /**
     * Returns the status code Kafka asked the JVM to terminate with.
     *
     * @return the requested status code
     */
    public int statusCode() {
        return statusCode;
    }
}
