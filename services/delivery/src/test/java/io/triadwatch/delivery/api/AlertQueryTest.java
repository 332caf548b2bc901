package io.triadwatch.delivery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.feed.FeedEntry;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertQueryTest {
    private static final List<Alert> EPISODES = List.of(
            TestAlerts.alert("rank-drop", AlertRule.Type.RANK_DROP, "CHN-PRK", Alert.Status.RESOLVED, 1, Instant.parse("2023-07-30T00:00:00Z")),
            TestAlerts.alert("rank-drop", AlertRule.Type.RANK_DROP, "CHN-PRK", Alert.Status.FIRING, 2, Instant.parse("2023-09-09T00:00:00Z")),
            TestAlerts.alert("dyad-shift", AlertRule.Type.DYAD_SHIFT, "PRK-RUS", Alert.Status.FIRING, 1, Instant.parse("2024-03-28T00:00:00Z")),
            TestAlerts.alert("dyad-shift", AlertRule.Type.DYAD_SHIFT, "CHN-PRK", Alert.Status.FIRING, 1, Instant.parse("2024-03-28T00:00:00Z")),
            TestAlerts.alert("vote-split", AlertRule.Type.VOTE_SPLIT, "CHN-RUS", Alert.Status.RESOLVED, 1, Instant.parse("2022-05-26T00:00:00Z")),
            TestAlerts.alert("pivot", AlertRule.Type.PIVOT_CHANGE, "CHN-PRK-RUS", Alert.Status.FIRING, 3, Instant.parse("2023-01-01T00:00:00Z")),
            TestAlerts.alert("rank-rise", AlertRule.Type.RANK_RISE, "PRK-RUS", Alert.Status.RESOLVED, 1, Instant.parse("2023-09-13T00:00:00Z")));

    private static List<FeedEntry> entries() {
        List<FeedEntry> entries = new ArrayList<>();
        for (int i = 0; i < EPISODES.size(); i++) {
            entries.add(new FeedEntry(i + 1, i % 3, i, EPISODES.get(i), Json.string(EPISODES.get(i))));
        }
        return entries;
    }

    private static AlertQuery query(String... keyValues) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return AlertQuery.parse(params::get, 50, 500);
    }

    @Test
    void shouldPageNewestFirstWithoutLosingOrRepeatingAnything() {
        // Given pages of 3
        List<Alert> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;

        // When following the cursor to the end
        do {
            AlertPage page = cursor == null ? query("limit", "3").select(entries()) : query("limit", "3", "cursor", cursor).select(entries());
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        // Then every episode came once, newest occurredAt first, ties by fingerprint
        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(Alert::fingerprint, Alert::episode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dyad-shift:CHN-PRK", 1L),
                org.assertj.core.groups.Tuple.tuple("dyad-shift:PRK-RUS", 1L),
                org.assertj.core.groups.Tuple.tuple("rank-rise:PRK-RUS", 1L),
                org.assertj.core.groups.Tuple.tuple("rank-drop:CHN-PRK", 2L),
                org.assertj.core.groups.Tuple.tuple("rank-drop:CHN-PRK", 1L),
                org.assertj.core.groups.Tuple.tuple("pivot:CHN-PRK-RUS", 3L),
                org.assertj.core.groups.Tuple.tuple("vote-split:CHN-RUS", 1L));
    }

    @Test
    void shouldFilterByStatusSubjectTypeAndSince() {
        assertThat(query("status", "resolved").select(entries()).items()).extracting(Alert::fingerprint)
                .containsExactly("rank-rise:PRK-RUS", "rank-drop:CHN-PRK", "vote-split:CHN-RUS");
        assertThat(query("subject", "PRK-RUS").select(entries()).items()).extracting(Alert::fingerprint)
                .containsExactly("dyad-shift:PRK-RUS", "rank-rise:PRK-RUS");
        assertThat(query("type", "RANK_DROP", "status", "FIRING").select(entries()).items()).extracting(Alert::episode)
                .containsExactly(2L);
        assertThat(query("since", "2023-09-09T00:00:00Z").select(entries()).items()).hasSize(4);
        assertThat(query("since", "2024-01-01").select(entries()).items()).hasSize(2);
    }

    @Test
    void shouldNameTheParameterItCannotRead() {
        assertThatThrownBy(() -> query("status", "PENDING")).isInstanceOf(BadParameterException.class)
                .extracting(e -> ((BadParameterException) e).field()).isEqualTo("status");
        assertThatThrownBy(() -> query("type", "RANK_FALL")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("type");
        assertThatThrownBy(() -> query("since", "last week")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("since");
        assertThatThrownBy(() -> query("limit", "0")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("limit");
        assertThatThrownBy(() -> query("limit", "501")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("limit");
        assertThatThrownBy(() -> query("cursor", "%%%")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("cursor");
        assertThatThrownBy(() -> query("cursor", "bm9wZQ")).extracting(e -> ((BadParameterException) e).field()).isEqualTo("cursor");
    }
}
