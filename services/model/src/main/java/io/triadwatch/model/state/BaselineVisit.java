package io.triadwatch.model.state;

import java.time.Instant;

/**
 * An earlier visit of the same (host, guest, occasion) series, cited by a rank signal.
 *
 * @param eventId    the visit event
 * @param occurredAt when
 * @param head       who led the delegation
 * @param weight     that head's protocol weight (0..1)
 * @param rankLabel  e.g. {@code LEADERSHIP 8/25}, or null
 */
public record BaselineVisit(String eventId, Instant occurredAt, String head, double weight, String rankLabel) {
}
