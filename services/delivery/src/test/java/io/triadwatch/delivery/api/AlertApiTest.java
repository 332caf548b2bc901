package io.triadwatch.delivery.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.AlertTopic;
import io.triadwatch.delivery.TestAlerts;
import io.triadwatch.delivery.TestServer;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.model.AlertRule;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class AlertApiTest {
    private static final Instant JULY = Instant.parse("2023-07-27T00:00:00Z");
    private static final Instant SEPTEMBER = Instant.parse("2023-09-09T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2024-03-28T00:00:00Z");

    private static final Alert RANK_FIRING_1 = TestAlerts.firing("rank-drop", "CHN-PRK", JULY);
    private static final Alert RANK_RESOLVED_1 = TestAlerts.resolved(RANK_FIRING_1, JULY.plusSeconds(86_400));
    private static final Alert RANK_FIRING_2 = TestAlerts.alert("rank-drop", AlertRule.Type.RANK_DROP, "CHN-PRK", Alert.Status.FIRING, 2, SEPTEMBER);
    private static final Alert SHIFT = TestAlerts.alert("dyad-shift", AlertRule.Type.DYAD_SHIFT, "PRK-RUS", Alert.Status.FIRING, 1, MARCH);
    private static final Alert PIVOT = TestAlerts.alert("pivot", AlertRule.Type.PIVOT_CHANGE, "CHN-PRK-RUS", Alert.Status.FIRING, 1, JULY.plusSeconds(3600));

    private static AlertFeed feed;
    private static TestServer server;

    @BeforeAll
    static void serve() throws Exception {
        AlertTopic topic = new AlertTopic();
        topic.publish(RANK_FIRING_1, RANK_RESOLVED_1, RANK_FIRING_2, SHIFT, PIVOT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        feed = AlertTopic.startedFeed(topic.feedSettings(), registry);
        server = new TestServer(new AlertApi(feed, AlertApiSettings.defaults(), registry));
    }

    @AfterAll
    static void stop() {
        server.close();
        feed.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void shouldListOneItemPerEpisodeNewestFirstAcrossPages() throws Exception {
        // When following the cursor with pages of 2
        List<String> seen = new ArrayList<>();
        String next = "/api/alerts?limit=2";
        while (next != null) {
            HttpResponse<String> response = server.get(next);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode page = json(response);
            page.get("items").forEach(item -> seen.add(item.get("fingerprint").asText() + "#" + item.get("episode").asLong()
                    + " " + item.get("status").asText()));
            next = page.hasNonNull("nextCursor") ? "/api/alerts?limit=2&cursor=" + page.get("nextCursor").asText() : null;
        }

        // Then
        assertThat(seen).containsExactly(
                "dyad-shift:PRK-RUS#1 FIRING",
                "rank-drop:CHN-PRK#2 FIRING",
                "rank-drop:CHN-PRK#1 RESOLVED",
                "pivot:CHN-PRK-RUS#1 FIRING");
    }

    @Test
    void shouldFilterTheList() throws Exception {
        JsonNode firingRankDrops = json(server.get("/api/alerts?status=FIRING&type=RANK_DROP&subject=CHN-PRK"));
        assertThat(firingRankDrops.get("items")).hasSize(1);
        assertThat(firingRankDrops.get("items").get(0).get("episode").asLong()).isEqualTo(2);
        assertThat(firingRankDrops.has("nextCursor")).isFalse();

        JsonNode since = json(server.get("/api/alerts?since=2023-09-01T00:00:00Z"));
        assertThat(since.get("items")).extracting(item -> item.get("fingerprint").asText())
                .containsExactly("dyad-shift:PRK-RUS", "rank-drop:CHN-PRK");
    }

    @Test
    void shouldAnswer400NamingTheBadParameter() throws Exception {
        for (String[] bad : new String[][] {{"status=SLEEPING", "status"}, {"limit=zero", "limit"}, {"since=yesterday", "since"},
                {"type=RANK_FALL", "type"}, {"cursor=garbage", "cursor"}}) {
            HttpResponse<String> response = server.get("/api/alerts?" + bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode error = json(response);
            assertThat(error.get("error").asText()).isEqualTo("bad_request");
            assertThat(error.get("field").asText()).isEqualTo(bad[1]);
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void shouldReturnTheLatestRecordOfAFingerprintWithItsHistory() throws Exception {
        // When
        HttpResponse<String> response = server.get("/api/alerts/rank-drop:CHN-PRK");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        AlertDetail detail = Json.mapper().readValue(response.body(), AlertDetail.class);
        assertThat(detail.latest()).isEqualTo(RANK_FIRING_2);
        assertThat(detail.history()).containsExactly(RANK_FIRING_2, RANK_RESOLVED_1, RANK_FIRING_1);
    }

    @Test
    void shouldAnswer404ForAnUnknownFingerprint() throws Exception {
        HttpResponse<String> response = server.get("/api/alerts/rank-drop:USA-KOR");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("not_found");
        assertThat(json(response).get("field").asText()).isEqualTo("fingerprint");
    }

    @Test
    void shouldNotMistakeTheStreamForAFingerprint() throws Exception {
        // A plain GET of the stream (no Accept: text/event-stream) is answered by the stream route
        HttpResponse<String> response = server.get("/api/alerts/stream");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(json(response).get("error").asText()).isEqualTo("not_acceptable");
    }
}
