package io.triadwatch.delivery.api;

import io.triadwatch.model.alert.Alert;
import java.util.List;

/**
 * One page of {@code GET /api/alerts}.
 *
 * @param items      the alerts, newest first
 * @param nextCursor pass as {@code cursor} (with the same filters) for the next page; absent on the last page
 */
public record AlertPage(List<Alert> items, String nextCursor) {
    public AlertPage {
        items = List.copyOf(items);
    }
}
