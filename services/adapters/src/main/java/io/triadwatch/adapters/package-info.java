/**
 * Adapters that turn real data files (GDELT, ICEWS, UN Security Council votes and vetoes) into
 * canonical events of {@code triadwatch.events.v1}.
 * <p>
 * An {@link io.triadwatch.adapters.EventAdapter} opens a file as an
 * {@link io.triadwatch.adapters.AdapterRun}: a lazy iterator over
 * {@link io.triadwatch.adapters.AdapterItem}s, each either a produced {@link io.triadwatch.model.Event}
 * or a skipped input record with a {@link io.triadwatch.adapters.SkipReason} and its source line.
 * Runs read one record at a time and hold at most one small group of records (one UN vote), so
 * memory does not grow with the file. Adapters are pure: they never publish; the caller does.
 * At the end the run gives an {@link io.triadwatch.adapters.AdapterSummary} whose counts balance:
 * every record read is either in a produced event or skipped for exactly one reason.
 */
package io.triadwatch.adapters;
