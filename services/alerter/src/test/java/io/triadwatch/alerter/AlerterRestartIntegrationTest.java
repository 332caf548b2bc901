package io.triadwatch.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestConsumers;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.kafka.testkit.TestTopics;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Restarting the alerter in the middle of a stream, on a real broker, from an empty state directory
 * (everything restored from the changelogs and the rules topic): the alerts are exactly those of an
 * uninterrupted run (the TopologyTestDriver is the reference), with no second FIRING for any episode
 * and none lost.
 */
@Tag("integration")
class AlerterRestartIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int STEPS = 160;

    @Test
    void shouldNeitherRepeatNorLoseAlertsWhenRestartedMidStream() throws Exception {
        // Given the alerts of an uninterrupted run of the scenario
        List<Scenario.Input> inputs = Scenario.inputs(STEPS);
        List<String> expected = reference(inputs);
        assertThat(expected).hasSizeGreaterThan(20);

        // and a broker with the alerter's topics (two dyad-state partitions) holding the rules and the first half
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AlerterConfig.TopicNames topics = new AlerterConfig.TopicNames(TestTopics.unique("dyad-state"), TestTopics.unique("triad-state"),
                TestTopics.unique("rules"), TestTopics.unique("alerts"));
        TestTopics.create(bootstrap, List.of(new NewTopic(topics.dyadState(), 2, (short) 1), new NewTopic(topics.triadState(), 1, (short) 1),
                TestTopics.compacted(topics.rules(), (short) 1), new NewTopic(topics.alerts(), 2, (short) 1)));
        TestProducers.send(bootstrap, Scenario.RULES.entrySet().stream().map(e -> new ProducerRecord<>(topics.rules(), e.getKey(), e.getValue())).toList());
        int half = inputs.size() / 2;
        long appended = System.currentTimeMillis();
        send(bootstrap, topics, inputs.subList(0, half), appended);
        Path stateDir = Files.createDirectories(Path.of("target", "it-state", "restart-" + run));
        AlerterConfig config = AlerterConfig.builder(bootstrap).applicationId("restart-alerter-" + run).topics(topics)
                .contextWait(Duration.ZERO).build();

        // When the alerter stops after its first alerts, loses its local state, and a new one takes over the rest
        try (AlerterService first = new AlerterService(config.toBuilder().stateDir(stateDir.resolve("first")).build(), new SimpleMeterRegistry())) {
            first.start();
            TestConsumers.readCommitted(bootstrap, topics.alerts(), 5, TIMEOUT);
        }
        send(bootstrap, topics, inputs.subList(half, inputs.size()), appended + half);
        try (AlerterService second = new AlerterService(config.toBuilder().stateDir(stateDir.resolve("second")).build(), new SimpleMeterRegistry())) {
            second.start();
            TestConsumers.readCommitted(bootstrap, topics.alerts(), expected.size(), TIMEOUT);
        }

        // Then the alerts on the topic are exactly the reference ones: one FIRING and one RESOLVED per episode
        List<String> actual = lifecycle(TestConsumers.readCommittedToEnd(bootstrap, topics.alerts(), TIMEOUT).stream()
                .map(ConsumerRecord::value).map(AlerterRestartIntegrationTest::read).toList());
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).doesNotHaveDuplicates();
    }

    /** The alerts of an uninterrupted run, through the TopologyTestDriver. */
    private static List<String> reference(List<Scenario.Input> inputs) {
        try (AlerterDriver driver = new AlerterDriver()) {
            Scenario.RULES.forEach(driver::rule);
            List<Alert> alerts = new ArrayList<>();
            for (Scenario.Input input : inputs) {
                if (input.dyad() != null) {
                    driver.dyad(input.dyad());
                } else {
                    driver.triad(input.triad());
                }
                alerts.addAll(driver.alerts());
            }
            return lifecycle(alerts);
        }
    }

    /** @return each alert as "fingerprint status episode startsAt endsAt occurredAt", sorted */
    private static List<String> lifecycle(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> String.join(" ", a.fingerprint(), a.status().name(), Long.toString(a.episode()),
                        String.valueOf(a.startsAt()), String.valueOf(a.endsAt()), String.valueOf(a.occurredAt())))
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.toList());
    }

    private static void send(String bootstrap, AlerterConfig.TopicNames topics, List<Scenario.Input> inputs, long firstTimestamp) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Scenario.Input input : inputs) {
            String topic = input.dyad() != null ? topics.dyadState() : topics.triadState();
            Object value = input.dyad() != null ? input.dyad() : input.triad();
            records.add(new ProducerRecord<>(topic, input.partition(), firstTimestamp + records.size(), input.key(), Json.string(value)));
        }
        TestProducers.send(bootstrap, records);
    }

    private static Alert read(String json) {
        try {
            return Json.mapper().readValue(json, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
