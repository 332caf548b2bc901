package io.triadwatch.alerter.evaluate;

/**
 * The episode a fingerprint has open (pending or firing), as far as a point rule needs to know to
 * tell whether an event brings its series back in line.
 *
 * @param series the series the episode is about
 * @param before the value before the event that opened it, or null
 */
public record OpenEpisode(String series, String before) {
}
