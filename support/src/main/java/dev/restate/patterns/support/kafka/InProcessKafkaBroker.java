package dev.restate.patterns.support.kafka;

import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node Kafka broker in KRaft mode running inside this JVM, built on spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}. Its topics live in a temporary folder and are gone once it
 * stops, so a broker started again begins every partition at offset 0.
 *
 * <p>Stop it with {@link #close()}; a JVM that ends without that leaves the folder behind.
 *
 * <p>The broker listens on two loopback ports: a controller port, always free-picked, and the
 * broker port that clients (and Restate) use, which {@link #bootstrapServers()} returns. {@code
 * EmbeddedKafkaKraftBroker.kafkaPorts(...)} does not fix the broker port in KRaft mode, so a fixed
 * port is set through the {@code listeners} broker property instead.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  private InProcessKafkaBroker(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  /**
   * Starts a broker whose client listener is on {@code port} of localhost, or on a free port when
   * {@code port} is 0.
   *
   * @throws IllegalStateException when the broker cannot start, for example because the port is
   *     taken
   */
  public static InProcessKafkaBroker start(int port) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperty(
        "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
    // By default the broker writes its address into the system property
    // spring.kafka.bootstrap-servers, which would override the application's own setting.
    broker.brokerListProperty(null);
    // Kafka's test kit registers a JVM shutdown hook that deletes the broker's folder, which on
    // Ctrl-C races with the application's own shutdown of the broker and makes the broker log
    // errors about missing files. close() deletes the folder itself, so the hook is left out.
    Exit.setShutdownHookAdder((name, hook) -> {});
    try {
      broker.afterPropertiesSet();
    } finally {
      Exit.resetShutdownHookAdder();
    }
    InProcessKafkaBroker started = new InProcessKafkaBroker(broker);
    String expected = "localhost:" + port;
    if (port != 0 && !started.bootstrapServers().equals(expected)) {
      started.close();
      throw new IllegalStateException(
          "The in-process Kafka broker listens on "
              + started.bootstrapServers()
              + " instead of "
              + expected);
    }
    return started;
  }

  /** Returns the broker's address for clients, for example {@code localhost:9092}. */
  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
    broker.destroy();
  }
}
