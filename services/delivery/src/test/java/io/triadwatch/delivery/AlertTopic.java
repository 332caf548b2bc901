package io.triadwatch.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.triadwatch.delivery.feed.AlertFeed;
import io.triadwatch.delivery.feed.AlertFeedSettings;
import io.triadwatch.kafka.testkit.KafkaTestBroker;
import io.triadwatch.kafka.testkit.TestProducers;
import io.triadwatch.kafka.testkit.TestTopics;
import io.triadwatch.model.alert.Alert;
import io.triadwatch.serde.Json;
import io.triadwatch.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alerts topic of a test's own on the shared broker (same partition count as
 * {@code Topics.ALERTS}), and feeds reading it.
 */
public final class AlertTopic {
    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final String name = TestTopics.unique(Topics.ALERTS.name());

    /** Creates the topic. */
    public AlertTopic() {
        TestTopics.create(bootstrap, List.of(new NewTopic(name, Topics.ALERTS.partitions(), (short) 1)));
    }

    /** @return the topic's name */
    public String name() {
        return name;
    }

    /** @return the broker */
    public String bootstrapServers() {
        return bootstrap;
    }

    /** Publishes alerts keyed by fingerprint, in order, and waits for the acks. */
    public void publish(Alert... alerts) {
        TestProducers.send(bootstrap, Arrays.stream(alerts)
                .map(a -> new ProducerRecord<>(name, a.fingerprint(), Json.string(a)))
                .toList());
    }

    /** @return feed settings for this topic with a short poll */
    public AlertFeedSettings feedSettings() {
        return AlertFeedSettings.defaults(bootstrap).withTopic(name);
    }

    /** @return a started feed on this topic, already caught up */
    public AlertFeed startedFeed(SimpleMeterRegistry registry) throws InterruptedException {
        return startedFeed(feedSettings(), registry);
    }

    /** @return a started feed with {@code settings}, already caught up */
    public static AlertFeed startedFeed(AlertFeedSettings settings, SimpleMeterRegistry registry) throws InterruptedException {
        AlertFeed feed = new AlertFeed(settings, registry);
        feed.start();
        if (!feed.awaitReady(Duration.ofSeconds(60))) {
            feed.close();
            throw new IllegalStateException("alert feed on " + settings.topic() + " did not catch up");
        }
        return feed;
    }
}
