package io.triadwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {
    @Test
    void shouldLetClientPropertiesOverrideDefaultsButNeverTheApplicationIdOrExactlyOnce() {
        // Given defaults, and client properties that try to override everything (a guarantee that is not at-least-once)
        Map<String, Object> defaults = Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1", StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "5000");
        Map<String, Object> client = Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4", StreamsConfig.APPLICATION_ID_CONFIG, "other",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once", StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);

        // When the properties are layered
        Properties props = StreamsRunner.properties("app", defaults, client);

        // Then the client wins over the defaults, and the app id and exactly-once v2 are fixed
        assertThat(props).containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4")
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "5000")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.producerPrefix("compression.type"), "lz4");
    }

    @Test
    void shouldRunAtLeastOnceOnlyWhenTheClientSaysSoInSoManyWords() {
        // Given client properties asking for at-least-once (the exactly-once runs' negative control)
        Map<String, Object> client = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

        // When the properties are layered
        Properties props = StreamsRunner.properties("app", Map.of(), client);

        // Then at-least-once is what runs (and a WARN says so at start)
        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void shouldLeaveStateStoresNonTransactionalUnlessTheClientTurnsThemOn() {
        // Given no client setting, and one that turns them on
        Properties byDefault = StreamsRunner.properties("app", Map.of(), Map.of());
        Properties on = StreamsRunner.properties("app", Map.of(), Map.of(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true"));

        // Then stores are Kafka's default (not transactional: range scans over them stalled the alerter) unless turned on
        assertThat(byDefault).doesNotContainKey(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG);
        assertThat(on).containsEntry(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true");
    }

    @Test
    void shouldShortenTheFetchWaitOfEveryConsumerThatReadsToTheEnd() {
        // Given no client setting
        Properties props = StreamsRunner.properties("app", Map.of(), Map.of());

        // Then the main, restore and global consumers wait at most 100 ms on a fetch that finds nothing (Kafka: 500 ms),
        // so that a restore noticed its tasks done at 100 ms steps, not 500 ms ones
        String wait = Integer.toString(StreamsRunner.FETCH_MAX_WAIT_MS);
        assertThat(props)
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), wait)
                .containsEntry(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), wait)
                .containsEntry(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), wait);
    }

    @Test
    void shouldBatchTheInternalProducersEightTimesKafkasDefault() {
        // Given no client setting, and a client that sets its own batch size
        Properties byDefault = StreamsRunner.properties("app", Map.of(), Map.of());
        Properties own = StreamsRunner.properties("app", Map.of(), Map.of(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "16384"));

        // Then the internal producers batch up to 128 KiB (a dyad state is ~8 KB: Kafka's 16 KiB held two), unless the client says otherwise
        assertThat(byDefault).containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "131072");
        assertThat(own).containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "16384");
    }

    @Test
    void shouldKnowAStaticMemberByItsGroupInstanceId() {
        // Given one runner with group.instance.id and one without
        StreamsRunner dynamic = runner(Map.of());
        StreamsRunner fixed = runner(Map.of("group.instance.id", "analyzer-a"));

        // Then only the second closes as a static member (it stays in the group)
        assertThat(dynamic.isStaticMember()).isFalse();
        assertThat(fixed.isStaticMember()).isTrue();
    }

    @Test
    void shouldBeDownBeforeStartAndRefuseToStartOnceClosed() {
        // Given a runner never started
        StreamsRunner runner = runner(Map.of());

        // Then it is CREATED and down; closing it twice is harmless; it cannot start after
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(runner.health().up()).isFalse();
        runner.close();
        runner.close();
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static StreamsRunner runner(Map<String, Object> client) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Topology topology = builder.build();
        Map<String, Object> props = new java.util.HashMap<>(client);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        return new StreamsRunner("test", topology, StreamsRunner.properties("app", Map.of(), props), new SimpleMeterRegistry());
    }

    @Test
    void shouldStopTheClientOnAnAuthorizationFailureAndReplaceTheThreadOnAnyOther() {
        // Given a thread failure caused by a refused transactional id, and one caused by something else
        Throwable denied = new StreamsException("task failed",
                new TransactionalIdAuthorizationException("Transactional Id authorization failed."));
        Throwable other = new StreamsException("task failed", new IllegalStateException("bug"));

        // When each reaches the handler, then the refusal stops the client (a new thread would fail alike) and the other replaces the thread
        assertThat(StreamsRunner.onThreadFailure("analyzer", denied))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(StreamsRunner.onThreadFailure("analyzer", other))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
