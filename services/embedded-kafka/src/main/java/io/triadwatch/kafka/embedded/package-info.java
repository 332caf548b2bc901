/**
 * An in-JVM Apache Kafka cluster in KRaft mode, for the demo, replays and tests.
 * <p>
 * {@link io.triadwatch.kafka.embedded.EmbeddedKafkaCluster} starts one combined broker-and-controller
 * node, or a dedicated controller with several brokers, on the loopback address;
 * {@link io.triadwatch.kafka.embedded.KafkaExitGuard} keeps a broker fault from ending the JVM.
 */
package io.triadwatch.kafka.embedded;
