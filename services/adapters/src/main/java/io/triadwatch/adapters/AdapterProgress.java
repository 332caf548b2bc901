package io.triadwatch.adapters;

/**
 * A snapshot of a run's counters, for progress output.
 *
 * @param format   the adapter format
 * @param input    the input name
 * @param read     records read so far
 * @param produced events produced so far
 * @param skipped  records skipped so far
 * @param done     true for the last report of a run, after the input ended
 */
public record AdapterProgress(String format, String input, long read, long produced, long skipped, boolean done) {
}
