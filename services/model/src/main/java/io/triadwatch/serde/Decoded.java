package io.triadwatch.serde;

/**
 * The result of decoding one input: exactly one of {@link #value()} and {@link #rejection()} is set.
 *
 * @param <T> the decoded type
 */
public record Decoded<T>(T value, Rejection rejection) {
    public Decoded {
        if ((value == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of value and rejection must be set");
        }
    }

    /** @return an accepted result */
    public static <T> Decoded<T> accepted(T value) {
        return new Decoded<>(value, null);
    }

    /** @return a rejected result */
    public static <T> Decoded<T> rejected(Rejection rejection) {
        return new Decoded<>(null, rejection);
    }

    /** @return true when the input was accepted */
    public boolean accepted() {
        return value != null;
    }
}
