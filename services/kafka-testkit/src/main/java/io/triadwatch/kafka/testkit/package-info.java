/**
 * Kafka for integration tests: a broker shared by every test in a JVM, and small helpers.
 * <p>
 * {@link io.triadwatch.kafka.testkit.KafkaTestBroker} provides the broker (Testcontainers when Docker
 * is available, an in-JVM KRaft broker otherwise) and a three-broker cluster;
 * {@link io.triadwatch.kafka.testkit.TestTopics}, {@link io.triadwatch.kafka.testkit.TestProducers}
 * and {@link io.triadwatch.kafka.testkit.TestConsumers} create topics, write records and read what is
 * committed. Depend on this module with {@code <scope>test</scope>}.
 */
package io.triadwatch.kafka.testkit;
