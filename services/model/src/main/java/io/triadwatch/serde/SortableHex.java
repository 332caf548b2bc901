package io.triadwatch.serde;

/**
 * Fixed-width lower-case hexadecimal for the parts of store keys whose string order must be their
 * numeric order (times, sequences): exactly the characters of {@code String.format("%016x", long)} and
 * {@code String.format("%08x", int)}, without {@link java.util.Formatter}'s parsing and allocation,
 * which showed in the analyzer's and alerter's profiles (a key or two per impulse, state and reading).
 */
public final class SortableHex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private SortableHex() {
    }

    /** @return the 16 hex digits of {@code value}'s 64 bits, as {@code String.format("%016x", value)} */
    public static String of(long value) {
        return append(new StringBuilder(16), value).toString();
    }

    /** Appends the 16 hex digits of {@code value}'s 64 bits, as {@code %016x} formats it. @return {@code to} */
    public static StringBuilder append(StringBuilder to, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            to.append(DIGITS[(int) (value >>> shift) & 0xf]);
        }
        return to;
    }

    /** Appends the 8 hex digits of {@code value}'s 32 bits, as {@code %08x} formats an {@code int}. @return {@code to} */
    public static StringBuilder append(StringBuilder to, int value) {
        for (int shift = 28; shift >= 0; shift -= 4) {
            to.append(DIGITS[(value >>> shift) & 0xf]);
        }
        return to;
    }
}
