package io.triadwatch.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.triadwatch.model.Event;
import io.triadwatch.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimeWindowTest {
    private static final Instant NOW = Instant.parse("2026-06-20T12:00:00Z");

    private static Decoded<Event> visit(String occurredAt) {
        String json = "{\"id\":\"v\",\"kind\":\"DELEGATION_VISIT\",\"occurredAt\":\"" + occurredAt + "\",\"source\":{\"name\":\"t\"},"
                + "\"host\":\"PRK\",\"guest\":\"CHN\",\"occasion\":\"PRK_VICTORY_DAY\",\"delegation\":{\"head\":\"Li Hongzhong\"}}";
        return Codecs.events().decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAdmitEventsFrom1900ToOneDayAfterNow() {
        EventTimeWindow window = EventTimeWindow.defaults();

        assertThat(window.admit(visit("1900-01-01"), NOW).accepted()).isTrue();
        assertThat(window.admit(visit("1961-07-06"), NOW).accepted()).isTrue();
        assertThat(window.admit(visit("2026-06-21T12:00:00Z"), NOW).accepted()).isTrue();
    }

    @Test
    void shouldRefuseFarFutureAndAncientDatesAsOutOfRangeNamingOccurredAt() {
        EventTimeWindow window = EventTimeWindow.defaults();

        for (String date : new String[]{"9999-12-31", "2262-04-12", "2038-01-19T03:14:08Z", "2026-06-21T12:00:01Z", "0001-01-01", "1899-12-31T23:59:59Z"}) {
            Decoded<Event> decoded = window.admit(visit(date), NOW);

            assertThat(decoded.accepted()).as(date).isFalse();
            assertThat(decoded.rejection().reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
            assertThat(decoded.rejection().field()).isEqualTo("$.occurredAt");
            assertThat(decoded.rejection().detail()).startsWith("$.occurredAt: ");
            assertThat(decoded.rejection().eventId()).isEqualTo("v");
        }
    }

    @Test
    void shouldPassAnEarlierRejectionThroughUnchanged() {
        Decoded<Event> broken = Codecs.events().decode("{".getBytes(StandardCharsets.UTF_8));

        assertThat(EventTimeWindow.defaults().admit(broken, NOW)).isSameAs(broken);
    }

    @Test
    void shouldReadTheWindowFromTheEnvironmentAndNameABadVariable() {
        EventTimeWindow window = EventTimeWindow.fromEnvironment(Map.of(
                EventTimeWindow.EARLIEST_ENV, "1945-10-24", EventTimeWindow.MAX_FUTURE_SKEW_ENV, "PT6H"));

        assertThat(window).isEqualTo(new EventTimeWindow(Instant.parse("1945-10-24T00:00:00Z"), Duration.ofHours(6)));
        assertThat(EventTimeWindow.fromEnvironment(Map.of())).isEqualTo(EventTimeWindow.defaults());
        assertThatThrownBy(() -> EventTimeWindow.fromEnvironment(Map.of(EventTimeWindow.MAX_FUTURE_SKEW_ENV, "one day")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(EventTimeWindow.MAX_FUTURE_SKEW_ENV);
    }
}
