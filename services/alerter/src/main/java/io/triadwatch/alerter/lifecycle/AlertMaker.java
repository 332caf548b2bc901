package io.triadwatch.alerter.lifecycle;

import io.triadwatch.alerter.evaluate.Finding;
import io.triadwatch.model.alert.Alert;
import java.time.Instant;

/** Turns lifecycle transitions into alert records; the processor supplies the clock, links and context. */
public interface AlertMaker {
    /**
     * @param finding  what was found
     * @param episode  the episode number, 1 for the first
     * @param startsAt event time the episode starts firing
     * @return the FIRING record
     */
    Alert firing(Finding finding, long episode, Instant startsAt);

    /**
     * @param firing the episode's FIRING record
     * @param endsAt event time the episode ends
     * @param value  the value measured at the end
     * @param reason why it ended, in words
     * @return the RESOLVED record
     */
    Alert resolved(Alert firing, Instant endsAt, double value, String reason);
}
