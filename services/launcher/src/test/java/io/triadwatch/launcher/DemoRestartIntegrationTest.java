package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.alerter.rules.DefaultRules;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.launcher.demo.Demo;
import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.launcher.ops.FreePorts;
import io.triadwatch.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo restarted on its data directory: what is already published is not published again. */
@Tag("integration")
class DemoRestartIntegrationTest {

    @Test
    void shouldNotRepublishTheTimelineOrTheReferenceDataOnARestartWithTheSameDataDir(@TempDir Path dir) {
        // Given a demo that ran once on a data directory, with its own embedded broker on a fixed port
        List<String> rules = List.copyOf(DefaultRules.json().values());
        Demo.Options options = new Demo.Options(null, Map.of(), FreePorts.loopback(), dir, "127.0.0.1", 0, "restart-test-token", rules);
        int timeline = DemoData.lines(DemoData.EVENTS).size();
        try (Demo first = Demo.start(options, line -> { })) {
            assertThat(first.timeline().published()).isEqualTo(timeline);
        }

        // When it starts again on the same directory
        List<String> said = new ArrayList<>();
        try (Demo second = Demo.start(options, said::add)) {
            // Then it publishes nothing again, and says so in one line for the timeline and one for the reference data
            assertThat(second.timeline().published()).isZero();
            assertThat(said).contains("demo timeline: all " + timeline + " events are already on " + Topics.EVENTS.name()
                    + " from an earlier run; nothing republished");
            assertThat(said).anySatisfy(line -> assertThat(line).startsWith("reference data: 0 official versions, 0 triads, 0 alert rules (")
                    .endsWith(" records already published, unchanged, left out)"));
            // And the events topic holds each demo event once
            assertThat(TestConsumers.readCommittedToEnd(second.bootstrapServers(), Topics.EVENTS.name(), Duration.ofSeconds(60)))
                    .hasSize(timeline);
        }
    }
}
