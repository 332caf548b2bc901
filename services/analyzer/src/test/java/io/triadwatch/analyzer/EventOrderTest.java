package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.analyzer.dyad.DyadInput;
import io.triadwatch.analyzer.dyad.DyadInputSerde;
import io.triadwatch.analyzer.dyad.ImpulseInput;
import io.triadwatch.analyzer.order.EventOrder;
import io.triadwatch.analyzer.order.IntakeMarks;
import io.triadwatch.analyzer.order.SourceStamp;
import io.triadwatch.analyzer.order.Watermark;
import io.triadwatch.model.EventKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The dyad stage's event-time ordered release (docs/reliability.md, "Deterministic output"): held
 * until every intake task's watermark passes, late inputs applied at once and counted, idle tasks
 * holding nothing back, and the intake's own watermarks on the wall clock.
 */
class EventOrderTest {
    private static final Instant D1 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant D2 = Instant.parse("2024-03-02T00:00:00Z");
    private static final Instant D3 = Instant.parse("2024-03-03T00:00:00Z");

    private static AnalyzerDriver driver(int sources) {
        // Combining off: the driver then leaves the wall clock alone between inputs, which is what these tests move.
        return new AnalyzerDriver(AnalyzerConfig.defaults().withPartitions(1, 1).withCombining(AnalyzerConfig.Combining.off())
                .withOrder(EventOrder.live().withSources(sources)));
    }

    private static TestInputTopic<String, DyadInput> dyadInputs(AnalyzerDriver d) {
        return d.driver.createInputTopic(AnalyzerTopology.repartitionTopic(d.config.applicationId(), AnalyzerTopology.DYAD_INPUTS),
                Serdes.String().serializer(), new DyadInputSerde().serializer());
    }

    private static void impulse(TestInputTopic<String, DyadInput> topic, int source, String id, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SourceStamp.HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(source).array());
        ImpulseInput in = new ImpulseInput(id, EventKind.JOINT_STATEMENT, at, 0, 2.0, null, id, null, null);
        topic.pipeInput(new TestRecord<>("CHN-RUS", DyadInput.of("CHN-RUS", in), headers, Instant.EPOCH));
    }

    private static void mark(TestInputTopic<String, DyadInput> topic, int source, long millis) {
        topic.pipeInput(IntakeMarks.MARK_KEY, DyadInput.mark(new Watermark(source, millis)), Instant.EPOCH);
    }

    @Test
    void shouldHoldAnImpulseUntilEveryIntakeTaskHasPassedItsDate() {
        try (AnalyzerDriver d = driver(2)) {
            TestInputTopic<String, DyadInput> in = dyadInputs(d);
            // Given an impulse of D1 from task 0, which has moved on to D2
            impulse(in, 0, "e1", D1);
            mark(in, 0, D2.toEpochMilli());
            d.drain();
            // Then nothing is applied while task 1 has not reported, nor while it stands at D1 itself
            assertThat(d.dyadLog()).isEmpty();
            mark(in, 1, D1.toEpochMilli());
            assertThat(d.drain().dyadLog()).isEmpty();

            // When task 1 passes D1
            mark(in, 1, D3.toEpochMilli());

            // Then the impulse is applied, once
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("e1");
            assertThat(d.counter("triadwatch.analyzer.order.late")).isZero();
        }
    }

    @Test
    void shouldApplyAnImpulseBehindWhatWasReleasedAtOnceAndCountItLate() {
        try (AnalyzerDriver d = driver(1)) {
            TestInputTopic<String, DyadInput> in = dyadInputs(d);
            // Given D2 released
            impulse(in, 0, "e2", D2);
            mark(in, 0, D3.toEpochMilli());
            assertThat(d.drain().dyadLog()).hasSize(1);

            // When an impulse of D1 arrives after it (its partition was out of event-time order)
            impulse(in, 0, "e1", D1);

            // Then it is applied at once, and counted as late
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("e2", "e1");
            assertThat(d.counter("triadwatch.analyzer.order.late", "stage", "dyad")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldReleaseInEventTimeOrderWhenEveryTaskIsIdleAndHoldAgainWhenOneSendsMore() {
        try (AnalyzerDriver d = driver(2)) {
            TestInputTopic<String, DyadInput> in = dyadInputs(d);
            // Given two tasks' impulses of one date, arrived in reverse id order
            impulse(in, 1, "e2", D1);
            impulse(in, 0, "e1", D1);
            mark(in, 0, D1.toEpochMilli());
            mark(in, 1, D1.toEpochMilli());
            assertThat(d.drain().dyadLog()).isEmpty();

            // When both say they are idle
            mark(in, 0, Watermark.IDLE);
            mark(in, 1, Watermark.IDLE);

            // Then both are applied, in (date, id) order
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("e1", "e2");

            // And a new impulse from task 1 waits for task 1's next watermark
            impulse(in, 1, "e3", D2);
            assertThat(d.drain().dyadLog()).hasSize(2);
            mark(in, 1, D3.toEpochMilli());
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("e1", "e2", "e3");
        }
    }

    @Test
    void shouldApplyAnEventOnceItsIntakeTaskHasBeenIdleForTheTimeout() {
        try (AnalyzerDriver d = driver(0)) {
            // Given an event through the intake, the only intake task
            d.event(Events.treaty("t1", "2024-03-01", "FRIENDSHIP_AND_COOPERATION", "CHN", "RUS"));
            assertThat(d.dyadLog()).isEmpty();

            // When the wall clock passes the idle timeout (the intake then says it is idle)
            d.driver.advanceWallClockTime(Duration.ofMillis(1200));

            // Then the event is applied
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("t1");
        }
    }

    @Test
    void shouldNotSayIdleWhileItsPartitionHasABacklogOnTheBroker() {
        // Given the only intake task, whose partition is not read to the end yet (a restart, its backlog not fetched)
        AtomicBoolean readToTheEnd = new AtomicBoolean(false);
        AnalyzerConfig config = AnalyzerConfig.defaults().withPartitions(1, 1).withCombining(AnalyzerConfig.Combining.off())
                .withOrder(EventOrder.live().withSources(0).withBacklog((partition, nextOffset) -> readToTheEnd.get()));
        try (AnalyzerDriver d = new AnalyzerDriver(config)) {
            d.event(Events.treaty("t1", "2024-03-01", "FRIENDSHIP_AND_COOPERATION", "CHN", "RUS"));

            // When the wall clock passes the idle timeout several times over
            d.driver.advanceWallClockTime(Duration.ofMillis(1200));
            d.driver.advanceWallClockTime(Duration.ofMillis(1200));

            // Then the task has not said it is idle: the event is still held
            assertThat(d.drain().dyadLog()).isEmpty();

            // And once its partition is read to the end, the next punctuation says idle and the event is applied
            readToTheEnd.set(true);
            d.driver.advanceWallClockTime(Duration.ofMillis(200));
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("t1");
        }
    }

    @Test
    void shouldNeverReleasePastCodedImpulsesStillCombining() {
        AnalyzerConfig config = AnalyzerConfig.defaults().withPartitions(1, 1).withOrder(EventOrder.live().withSources(0));
        try (AnalyzerDriver d = new AnalyzerDriver(config).holdingBuckets()) {
            // Given a coded report of 2024-03-02 still in its open bucket, behind the intake's watermark
            d.event(Events.coded("c1", "2024-03-01", "USA", "PRK", "042", 1.9));
            d.event(Events.coded("c2", "2024-03-02", "USA", "PRK", "042", 1.9));
            d.event(Events.treaty("t0", "2024-03-02", "FRIENDSHIP_AND_COOPERATION", "CHN", "RUS"));
            d.event(Events.treaty("t1", "2024-03-03", "FRIENDSHIP_AND_COOPERATION", "CHN", "RUS"));

            // When the intake sends its watermark before the bucket is flushed
            d.driver.advanceWallClockTime(Duration.ofMillis(200));

            // Then only what precedes the open bucket is applied: not the treaty of the same day
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("c1");

            // And once the bucket crosses and the intake falls idle, everything is applied in event-time order, nothing late
            for (int i = 0; i < 4; i++) {
                d.driver.advanceWallClockTime(config.combining().flushInterval());
            }
            assertThat(d.drain().dyadLog()).extracting(kv -> kv.value.lastEventId()).containsExactly("c1", "c2", "t0", "t1");
            assertThat(d.counter("triadwatch.analyzer.order.late")).isZero();
        }
    }
}
