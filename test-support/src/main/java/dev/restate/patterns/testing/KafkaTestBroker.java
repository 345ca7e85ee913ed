package dev.restate.patterns.testing;

/** The Kafka broker that a {@link WithKafkaBroker} test and its restate-server use. */
public interface KafkaTestBroker {

  /** Returns the broker's address for clients, for example {@code localhost:41234}. */
  String bootstrapServers();

  /** Stops the broker; used at JVM exit. */
  void stop();
}
