package io.triadwatch.adapters;

import java.io.IOException;

/**
 * Thrown when an input is not the announced format at all, for example a CSV whose header lacks a
 * required column. Bad <em>records</em> never throw: they are skipped and counted.
 */
public class InvalidInputException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param input  the input's name
     * @param detail what is wrong, for a human
     */
    public InvalidInputException(String input, String detail) {
        super(input + ": " + detail);
    }
}
