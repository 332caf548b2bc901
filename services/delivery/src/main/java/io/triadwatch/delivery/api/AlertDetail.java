package io.triadwatch.delivery.api;

import io.triadwatch.model.alert.Alert;
import java.util.List;

/**
 * The body of {@code GET /api/alerts/{fingerprint}}.
 *
 * @param latest  the fingerprint's latest record
 * @param history its kept records, newest first (the latest included): the FIRING and RESOLVED
 *                records of its recent episodes
 */
public record AlertDetail(Alert latest, List<Alert> history) {
    public AlertDetail {
        history = List.copyOf(history);
    }
}
